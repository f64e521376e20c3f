-- /audit: strict per-request cost accounting for AI moderation checks, a monthly budget with a hard limit
-- per guild, and a moderation queue that humans work through. Nothing here (or anywhere) acts on a
-- member automatically: a flagged item only becomes a queue row.

-- Price per million tokens, per model. The local rule-based classifier is a model with price 0, so both
-- paths are accounted the same way. Update a row when a provider changes its prices.
create table discord.ai_pricing (
  model text primary key,
  provider text not null constraint ai_pricing_provider check (provider in ('anthropic', 'local')),
  input_usd_per_mtok numeric(12, 6) not null constraint ai_pricing_input check (input_usd_per_mtok >= 0),
  output_usd_per_mtok numeric(12, 6) not null constraint ai_pricing_output check (output_usd_per_mtok >= 0),
  cache_read_usd_per_mtok numeric(12, 6) not null constraint ai_pricing_cache_read check (cache_read_usd_per_mtok >= 0),
  cache_write_usd_per_mtok numeric(12, 6) not null constraint ai_pricing_cache_write check (cache_write_usd_per_mtok >= 0),
  updated_at timestamptz not null default now()
);
insert into discord.ai_pricing (model, provider, input_usd_per_mtok, output_usd_per_mtok, cache_read_usd_per_mtok, cache_write_usd_per_mtok) values
  ('claude-haiku-4-5', 'anthropic', 1, 5, 0.10, 1.25),
  ('claude-sonnet-4-5', 'anthropic', 3, 15, 0.30, 3.75),
  ('claude-opus-4-1', 'anthropic', 15, 75, 1.50, 18.75),
  ('local-rules', 'local', 0, 0, 0, 0);

-- One row per AI request (or refusal). 'pending' rows hold their estimate against the budget until settled.
create table discord.ai_usage (
  id bigint generated always as identity primary key,
  guild_id text not null,
  invoker_id text not null,
  interaction_id text not null unique,
  command text not null,
  model text not null references discord.ai_pricing (model),
  provider text not null,
  status text not null constraint ai_usage_status check (status in ('pending', 'completed', 'refused', 'failed')),
  input_tokens integer not null default 0,
  output_tokens integer not null default 0,
  cache_read_tokens integer not null default 0,
  cache_write_tokens integer not null default 0,
  -- Prices copied from ai_pricing at the time of the request, so later price changes do not rewrite history.
  input_usd_per_mtok numeric(12, 6) not null,
  output_usd_per_mtok numeric(12, 6) not null,
  cache_read_usd_per_mtok numeric(12, 6) not null,
  cache_write_usd_per_mtok numeric(12, 6) not null,
  -- The estimate held while pending; the computed cost once completed; 0 when refused or failed.
  cost_usd numeric(14, 8) not null default 0,
  items integer not null default 0,
  note text,
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  constraint ai_usage_tokens check (input_tokens >= 0 and output_tokens >= 0 and cache_read_tokens >= 0 and cache_write_tokens >= 0)
);
create index ai_usage_guild_month_idx on discord.ai_usage (guild_id, created_at);

create table discord.moderation_queue (
  id bigint generated always as identity primary key,
  guild_id text not null,
  channel_id text,
  message_id text,
  author_id text,
  content text not null,
  -- {"toxicity": "none|low|medium|high", "harassment": …, …}
  categories jsonb not null,
  max_severity text not null constraint moderation_queue_severity check (max_severity in ('low', 'medium', 'high')),
  reason text not null,
  classifier text not null,
  reported_by text not null,
  interaction_id text not null,
  usage_id bigint references discord.ai_usage (id),
  status text not null default 'pending' constraint moderation_queue_status check (status in ('pending', 'dismissed', 'actioned')),
  reviewed_by uuid references public.profiles (id) on delete set null,
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  unique (interaction_id, message_id)
);
create index moderation_queue_pending_idx on discord.moderation_queue (guild_id, created_at) where status = 'pending';

revoke all on discord.ai_pricing, discord.ai_usage, discord.moderation_queue from public, anon, authenticated;
grant select, insert, update, delete on discord.ai_pricing, discord.ai_usage, discord.moderation_queue to service_role;

-- Month-to-date spend of a guild (UTC month): completed costs plus the estimates of pending requests.
create function discord.ai_month_spend(p_guild_id text) returns numeric
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(sum(u.cost_usd), 0)
    from discord.ai_usage u
   where u.guild_id = p_guild_id and u.status in ('pending', 'completed')
     and u.created_at >= (date_trunc('month', now() at time zone 'utc') at time zone 'utc')
$$;
revoke execute on function discord.ai_month_spend(text) from public, anon, authenticated;
grant execute on function discord.ai_month_spend(text) to service_role;

-- Reserves a request against the guild's hard monthly limit, under the guild settings row lock (so
-- concurrent requests cannot together overshoot). When spend + estimate would exceed the hard limit the
-- request is recorded as 'refused' (cost 0) and allowed = false. A model without a price is an error:
-- nothing is sent that cannot be accounted for.
create function discord.ai_reserve(
  p_guild_id text, p_invoker_id text, p_interaction_id text, p_command text, p_model text,
  p_est_input_tokens integer, p_max_output_tokens integer
) returns table (allowed boolean, usage_id bigint, spent numeric, estimate numeric, budget numeric, hard_limit numeric)
language plpgsql
security definer
set search_path = ''
as $$
declare
  s discord.guild_settings;
  p discord.ai_pricing;
  est numeric;
  month_spent numeric;
  ok boolean;
  new_id bigint;
begin
  select * into p from discord.ai_pricing x where x.model = p_model;
  if not found then
    raise exception 'No price is recorded for model %; add it to discord.ai_pricing first', p_model using errcode = 'CO422';
  end if;
  insert into discord.guild_settings (guild_id) values (p_guild_id) on conflict (guild_id) do nothing;
  select * into s from discord.guild_settings g where g.guild_id = p_guild_id for update;
  est := (greatest(p_est_input_tokens, 0) * p.input_usd_per_mtok + greatest(p_max_output_tokens, 0) * p.output_usd_per_mtok) / 1000000;
  month_spent := discord.ai_month_spend(p_guild_id);
  ok := month_spent + est <= s.ai_hard_limit_usd;
  insert into discord.ai_usage (guild_id, invoker_id, interaction_id, command, model, provider, status,
                                input_usd_per_mtok, output_usd_per_mtok, cache_read_usd_per_mtok, cache_write_usd_per_mtok,
                                cost_usd, note)
  values (p_guild_id, p_invoker_id, p_interaction_id, p_command, p.model, p.provider,
          case when ok then 'pending' else 'refused' end,
          p.input_usd_per_mtok, p.output_usd_per_mtok, p.cache_read_usd_per_mtok, p.cache_write_usd_per_mtok,
          case when ok then est else 0 end,
          case when ok then null else format('refused: month-to-date %s + estimate %s > hard limit %s', month_spent, est, s.ai_hard_limit_usd) end)
  returning id into new_id;
  return query select ok, new_id, month_spent, est, s.ai_monthly_budget_usd, s.ai_hard_limit_usd;
end;
$$;
revoke execute on function discord.ai_reserve(text, text, text, text, text, integer, integer) from public, anon, authenticated;
grant execute on function discord.ai_reserve(text, text, text, text, text, integer, integer) to service_role;

-- Settles a pending request with the usage the provider reported; the cost is computed here from the
-- prices recorded on the row: (input × in + output × out + cache read × cr + cache write × cw) / 1e6.
create function discord.ai_settle(
  p_usage_id bigint, p_input integer, p_output integer, p_cache_read integer, p_cache_write integer, p_items integer
) returns discord.ai_usage
language plpgsql
security definer
set search_path = ''
as $$
declare
  u discord.ai_usage;
begin
  update discord.ai_usage x
     set status = 'completed', input_tokens = p_input, output_tokens = p_output, cache_read_tokens = p_cache_read,
         cache_write_tokens = p_cache_write, items = p_items, settled_at = now(),
         cost_usd = (p_input * x.input_usd_per_mtok + p_output * x.output_usd_per_mtok
                     + p_cache_read * x.cache_read_usd_per_mtok + p_cache_write * x.cache_write_usd_per_mtok) / 1000000
   where x.id = p_usage_id and x.status = 'pending'
   returning * into u;
  if not found then
    raise exception 'AI usage % is not pending', p_usage_id using errcode = 'CO409';
  end if;
  return u;
end;
$$;
revoke execute on function discord.ai_settle(bigint, integer, integer, integer, integer, integer) from public, anon, authenticated;
grant execute on function discord.ai_settle(bigint, integer, integer, integer, integer, integer) to service_role;

-- A request that failed before the provider reported usage releases its hold (cost 0, reason kept).
create function discord.ai_fail(p_usage_id bigint, p_note text) returns void
language sql
security definer
set search_path = ''
as $$
  update discord.ai_usage set status = 'failed', cost_usd = 0, settled_at = now(), note = left(p_note, 500)
   where id = p_usage_id and status = 'pending'
$$;
revoke execute on function discord.ai_fail(bigint, text) from public, anon, authenticated;
grant execute on function discord.ai_fail(bigint, text) to service_role;
