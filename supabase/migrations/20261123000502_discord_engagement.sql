-- Engagement telemetry without a gateway: messages and reactions pulled by the poller (or pushed by a
-- signed relay), unique on their natural keys so nothing is counted twice; the daily Community Score
-- rollup computed here from the guild's weights; and leaderboard snapshots taken at each period's end.

create table discord.messages (
  id text primary key,
  guild_id text not null,
  channel_id text not null,
  author_id text not null,
  author_username text not null,
  is_bot boolean not null default false,
  content text not null default '',
  created_at timestamptz not null,
  -- reactions[].count per emoji as last seen on Discord, and per emoji what has been credited to reactors.
  reaction_counts jsonb not null default '{}'::jsonb,
  reactions_credited jsonb not null default '{}'::jsonb,
  source text not null default 'poll' constraint messages_source check (source in ('poll', 'relay')),
  ingested_at timestamptz not null default now()
);
create index messages_guild_created_idx on discord.messages (guild_id, created_at);
create index messages_channel_created_idx on discord.messages (channel_id, created_at);
create index messages_author_idx on discord.messages (guild_id, author_id, created_at desc);
create index messages_reactions_pending_idx on discord.messages (created_at)
  where reaction_counts <> reactions_credited;

create table discord.reactions (
  message_id text not null,
  emoji text not null,
  user_id text not null,
  guild_id text not null,
  channel_id text not null,
  -- The relay's event time; for reactions found by polling (Discord does not say when) the message's time.
  reacted_at timestamptz not null,
  source text not null default 'poll' constraint reactions_source check (source in ('poll', 'relay')),
  primary key (message_id, emoji, user_id)
);
create index reactions_guild_time_idx on discord.reactions (guild_id, reacted_at);

-- Relay events already applied (the relay may resend a batch).
create table discord.relay_events (
  event_id text primary key,
  type text not null,
  received_at timestamptz not null default now()
);

create table discord.score_daily (
  guild_id text not null,
  user_id text not null,
  day date not null,
  messages integer not null default 0,
  reactions integer not null default 0,
  score numeric(14, 3) not null default 0,
  primary key (guild_id, user_id, day)
);
create index score_daily_day_idx on discord.score_daily (guild_id, day);

create table discord.leaderboard_snapshots (
  guild_id text not null,
  period text not null constraint leaderboard_snapshots_period check (period in ('week', 'month')),
  period_start date not null,
  rank integer not null,
  user_id text not null,
  score numeric(14, 3) not null,
  messages integer not null,
  reactions integer not null,
  taken_at timestamptz not null default now(),
  primary key (guild_id, period, period_start, rank, user_id)
);

alter table discord.channels add column reactions_scanned_at timestamptz;

revoke all on discord.messages, discord.reactions, discord.relay_events, discord.score_daily, discord.leaderboard_snapshots
  from public, anon, authenticated;
grant select, insert, update, delete on discord.messages, discord.reactions, discord.relay_events, discord.score_daily,
  discord.leaderboard_snapshots to service_role;

-- Stores one batch of messages of a channel and moves its cursor forward in the same transaction, so a
-- crash between the two cannot lose or repeat a batch. Known messages only get their reaction counts
-- refreshed. Returns the number of messages that were new.
create function discord.ingest_messages(p_guild_id text, p_channel_id text, p_messages jsonb, p_cursor text)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  inserted integer;
begin
  with incoming as (
    select * from jsonb_to_recordset(p_messages)
      as m(id text, author_id text, author_username text, is_bot boolean, content text, created_at timestamptz,
           reaction_counts jsonb)
  ), ins as (
    insert into discord.messages (id, guild_id, channel_id, author_id, author_username, is_bot, content, created_at,
                                  reaction_counts)
    select i.id, p_guild_id, p_channel_id, i.author_id, i.author_username, coalesce(i.is_bot, false),
           coalesce(i.content, ''), i.created_at, coalesce(i.reaction_counts, '{}'::jsonb)
      from incoming i
    on conflict (id) do update set reaction_counts = excluded.reaction_counts
    returning (xmax = 0) as is_new
  )
  select count(*) filter (where is_new) into inserted from ins;

  insert into discord.members (guild_id, user_id, username)
  select distinct on (m.author_id) p_guild_id, m.author_id, m.author_username
    from jsonb_to_recordset(p_messages) as m(author_id text, author_username text, is_bot boolean)
   where not coalesce(m.is_bot, false)
  on conflict (guild_id, user_id) do update set username = excluded.username, updated_at = now();

  if p_cursor is not null then
    update discord.channels c
       set cursor = case when c.cursor is null or p_cursor::numeric > c.cursor::numeric then p_cursor else c.cursor end,
           last_polled_at = now()
     where c.channel_id = p_channel_id;
  end if;
  return inserted;
end;
$$;
revoke execute on function discord.ingest_messages(text, text, jsonb, text) from public, anon, authenticated;
grant execute on function discord.ingest_messages(text, text, jsonb, text) to service_role;

-- Replaces the reactors of one (message, emoji) with the full list fetched from Discord and marks that
-- emoji credited at the count seen. Idempotent on (message, emoji, user).
create function discord.credit_reactions(p_message_id text, p_emoji text, p_user_ids text[], p_seen_count integer)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  m discord.messages;
  added integer;
begin
  select * into m from discord.messages x where x.id = p_message_id for update;
  if not found then
    raise exception 'Unknown message %', p_message_id using errcode = 'CO404';
  end if;
  delete from discord.reactions r
   where r.message_id = p_message_id and r.emoji = p_emoji and r.source = 'poll'
     and not (r.user_id = any (p_user_ids));
  insert into discord.reactions (message_id, emoji, user_id, guild_id, channel_id, reacted_at, source)
  select p_message_id, p_emoji, u, m.guild_id, m.channel_id, m.created_at, 'poll' from unnest(p_user_ids) u
  on conflict (message_id, emoji, user_id) do nothing;
  get diagnostics added = row_count;
  update discord.messages x
     set reactions_credited = case when p_seen_count = 0 then x.reactions_credited - p_emoji
                                   else jsonb_set(x.reactions_credited, array[p_emoji], to_jsonb(p_seen_count)) end
   where x.id = p_message_id;
  return added;
end;
$$;
revoke execute on function discord.credit_reactions(text, text, text[], integer) from public, anon, authenticated;
grant execute on function discord.credit_reactions(text, text, text[], integer) to service_role;

-- Community Score per member per day (UTC), recomputed from the stored messages and reactions for every
-- day from p_from on: score = messages sent × weight_messages + reactions given × weight_reactions
-- (guild settings; defaults 1 and 0.5). Bots' messages do not count. Recomputing (not adding) makes it
-- idempotent: running it twice, or after a backfill, never double counts.
create function discord.rollup_scores(p_guild_id text, p_from date)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  wm numeric;
  wr numeric;
  n integer;
begin
  insert into discord.guild_settings (guild_id) values (p_guild_id) on conflict (guild_id) do nothing;
  select g.weight_messages, g.weight_reactions into wm, wr from discord.guild_settings g where g.guild_id = p_guild_id;
  -- One rollup per guild at a time.
  perform pg_advisory_xact_lock(hashtextextended('discord.rollup:' || p_guild_id, 0));
  delete from discord.score_daily s where s.guild_id = p_guild_id and s.day >= p_from;
  insert into discord.score_daily (guild_id, user_id, day, messages, reactions, score)
  select p_guild_id, x.user_id, x.day, sum(x.m)::integer, sum(x.r)::integer, sum(x.m) * wm + sum(x.r) * wr
    from (
      select m.author_id as user_id, (m.created_at at time zone 'utc')::date as day, 1 as m, 0 as r
        from discord.messages m
       where m.guild_id = p_guild_id and not m.is_bot and m.created_at >= (p_from::timestamp at time zone 'utc')
      union all
      select r.user_id, (r.reacted_at at time zone 'utc')::date, 0, 1
        from discord.reactions r
       where r.guild_id = p_guild_id and r.reacted_at >= (p_from::timestamp at time zone 'utc')
    ) x
   group by x.user_id, x.day;
  get diagnostics n = row_count;
  return n;
end;
$$;
revoke execute on function discord.rollup_scores(text, date) from public, anon, authenticated;
grant execute on function discord.rollup_scores(text, date) to service_role;

-- Snapshots the weekly (ISO week, Monday UTC) and monthly boards of the periods that have ended before
-- p_now and have no snapshot yet: the top 100, so past boards stay viewable after the reset.
create function discord.snapshot_leaderboards(p_guild_id text, p_now timestamptz)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  today date := (p_now at time zone 'utc')::date;
  total integer := 0;
  n integer;
  p record;
begin
  for p in
    select 'week'::text as period, (date_trunc('week', today) - interval '7 days')::date as starts,
           date_trunc('week', today)::date as ends
    union all
    select 'month', (date_trunc('month', today) - interval '1 month')::date, date_trunc('month', today)::date
  loop
    if exists (select 1 from discord.leaderboard_snapshots s
                where s.guild_id = p_guild_id and s.period = p.period and s.period_start = p.starts) then
      continue;
    end if;
    insert into discord.leaderboard_snapshots (guild_id, period, period_start, rank, user_id, score, messages, reactions)
    select p_guild_id, p.period, p.starts, rank() over (order by t.score desc), t.user_id, t.score, t.messages, t.reactions
      from (
        select d.user_id, sum(d.score) as score, sum(d.messages)::integer as messages, sum(d.reactions)::integer as reactions
          from discord.score_daily d
         where d.guild_id = p_guild_id and d.day >= p.starts and d.day < p.ends
         group by d.user_id
         order by 2 desc, 1
         limit 100
      ) t;
    get diagnostics n = row_count;
    total := total + n;
  end loop;
  return total;
end;
$$;
revoke execute on function discord.snapshot_leaderboards(text, timestamptz) from public, anon, authenticated;
grant execute on function discord.snapshot_leaderboards(text, timestamptz) to service_role;
