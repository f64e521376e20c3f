-- Subscriptions, part 2: what signed-in users call (the caller is auth.uid()), and subscriber-only posts.

-- ---------------------------------------------------------------------------------------------------
-- tiers (creator)
-- ---------------------------------------------------------------------------------------------------
-- Creates (p_tier_id null) or updates one of the caller's tiers. Returns the tier and the price it had
-- before (null for a new tier), so the caller can announce a price change to the tier's subscribers.
create function public.save_subscription_tier(
  tier_id uuid, level integer, name text, price integer, perks text default '', member_cap integer default null,
  active boolean default true, discord_guild_id text default null, discord_role_id text default null,
  out tier public.subscription_tiers, out previous_price integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_old public.subscription_tiers;
begin
  if not exists (select 1 from public.profiles p where p.id = v_uid and p.role = 'creator') then
    raise exception 'Only creators have subscription tiers' using errcode = 'CO403';
  end if;
  if save_subscription_tier.tier_id is null then
    if (select count(*) from public.subscription_tiers t where t.creator_id = v_uid) >= 5 then
      raise exception 'A creator can have at most 5 tiers' using errcode = 'CO409';
    end if;
    insert into public.subscription_tiers (creator_id, level, name, price, perks, member_cap, active, discord_guild_id, discord_role_id)
    values (v_uid, save_subscription_tier.level, btrim(save_subscription_tier.name), save_subscription_tier.price,
            coalesce(save_subscription_tier.perks, ''), save_subscription_tier.member_cap,
            coalesce(save_subscription_tier.active, true),
            nullif(save_subscription_tier.discord_guild_id, ''), nullif(save_subscription_tier.discord_role_id, ''))
    returning * into tier;
    return;
  end if;
  select t.* into v_old from public.subscription_tiers t where t.id = save_subscription_tier.tier_id for update;
  if v_old.id is null or v_old.creator_id <> v_uid then
    raise exception 'Tier not found' using errcode = 'CO404';
  end if;
  update public.subscription_tiers t
     set level = save_subscription_tier.level, name = btrim(save_subscription_tier.name),
         price = save_subscription_tier.price, perks = coalesce(save_subscription_tier.perks, ''),
         member_cap = save_subscription_tier.member_cap, active = coalesce(save_subscription_tier.active, true),
         discord_guild_id = nullif(save_subscription_tier.discord_guild_id, ''),
         discord_role_id = nullif(save_subscription_tier.discord_role_id, '')
   where t.id = v_old.id
  returning * into tier;
  previous_price := v_old.price;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- subscribe / cancel / resume / refund
-- ---------------------------------------------------------------------------------------------------
-- Subscribes the caller to an active tier and charges the first period now. A live subscription to the
-- same creator: resumed when it was cancelled and is on this tier (no charge), else CO409. The member cap
-- is checked under the tier's lock, so concurrent subscribers cannot overfill it.
create function public.subscribe(tier_id uuid) returns public.subscriptions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_tier public.subscription_tiers;
  v_live public.subscriptions;
  v_sub public.subscriptions;
  v_now timestamptz;
begin
  select t.* into v_tier from public.subscription_tiers t
    join public.profiles p on p.id = t.creator_id and p.role = 'creator' and not p.is_banned
   where t.id = subscribe.tier_id and t.active
   for update of t;
  if v_tier.id is null then
    raise exception 'This tier is not available' using errcode = 'CO404';
  end if;
  if v_tier.creator_id = v_uid then
    raise exception 'You cannot subscribe to yourself' using errcode = 'CO422';
  end if;
  v_now := clock_timestamp();
  select s.* into v_live from public.subscriptions s
   where s.fan_id = v_uid and s.creator_id = v_tier.creator_id and s.status in ('active', 'grace')
   for update;
  if v_live.id is not null then
    if v_live.tier_id = v_tier.id and v_live.cancel_at_period_end and v_live.current_period_end > v_now then
      update public.subscriptions s set cancel_at_period_end = false, canceled_at = null
       where s.id = v_live.id returning * into v_sub;
      return v_sub;
    end if;
    raise exception 'You are already subscribed to this creator' using errcode = 'CO409';
  end if;
  if v_tier.member_cap is not null and (select count(*) from public.subscriptions s
      where s.tier_id = v_tier.id and s.status in ('active', 'grace')) >= v_tier.member_cap then
    raise exception 'This tier is full' using errcode = 'CO409';
  end if;
  insert into public.subscriptions (fan_id, creator_id, tier_id, started_at, current_period_start, current_period_end, price)
  values (v_uid, v_tier.creator_id, v_tier.id, v_now, v_now, v_now + interval '1 month', v_tier.price)
  returning * into v_sub;
  perform private.subscription_charge(v_sub, 0, v_tier.price, v_now, v_now + interval '1 month', v_now);
  return v_sub;
end;
$$;

-- The fan cancels: access continues to the end of the paid period. In grace (nothing paid for now) it
-- ends at once.
create function public.cancel_subscription(subscription_id uuid) returns public.subscriptions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_sub public.subscriptions;
begin
  select s.* into v_sub from public.subscriptions s where s.id = cancel_subscription.subscription_id for update;
  if v_sub.id is null or v_sub.fan_id <> v_uid then
    raise exception 'Subscription not found' using errcode = 'CO404';
  end if;
  if v_sub.status = 'grace' then
    update public.subscriptions s
       set status = 'expired', grace_until = null, canceled_at = clock_timestamp(), cancel_at_period_end = true,
           ended_at = clock_timestamp(), end_reason = 'canceled'
     where s.id = v_sub.id returning * into v_sub;
    return v_sub;
  end if;
  if v_sub.status <> 'active' then
    raise exception 'This subscription has already ended' using errcode = 'CO409';
  end if;
  if not v_sub.cancel_at_period_end then
    update public.subscriptions s set cancel_at_period_end = true, canceled_at = clock_timestamp()
     where s.id = v_sub.id returning * into v_sub;
  end if;
  return v_sub;
end;
$$;

-- The creator refunds the current period of a subscriber: the charge is reversed (creator share and fee
-- back to the fan's wallet) and the subscription ends now. Idempotent per (subscription, period).
create function public.refund_subscription(subscription_id uuid, reason text) returns public.subscriptions
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_sub public.subscriptions;
  v_charge public.subscription_charges;
begin
  if char_length(btrim(coalesce(reason, ''))) not between 3 and 500 then
    raise exception 'Give a reason (3 to 500 characters)' using errcode = 'CO422';
  end if;
  select s.* into v_sub from public.subscriptions s where s.id = refund_subscription.subscription_id for update;
  if v_sub.id is null or v_sub.creator_id <> v_uid then
    raise exception 'Subscription not found' using errcode = 'CO404';
  end if;
  if v_sub.status not in ('active', 'grace') then
    raise exception 'This subscription has already ended' using errcode = 'CO409';
  end if;
  select c.* into v_charge from public.subscription_charges c
   where c.subscription_id = v_sub.id and c.period_index = v_sub.period_index for update;
  if v_charge.subscription_id is not null and not v_charge.refunded then
    perform ledger.transfer('refund', 'subscription:' || v_sub.id::text, 'refund:' || v_sub.period_index::text,
      array[ledger.account_for('creator_earnings', v_sub.creator_id, 0), ledger.account_for('platform_revenue', null, 0),
            ledger.account_for('fan_wallet', v_sub.fan_id)],
      array[-(v_charge.amount - v_charge.fee)::bigint, -v_charge.fee::bigint, v_charge.amount::bigint],
      jsonb_build_object('memo', 'Subscription refund: ' || btrim(reason), 'subscription_id', v_sub.id,
                         'period_index', v_sub.period_index, 'payer_id', v_sub.creator_id, 'creator_id', v_sub.creator_id));
    update public.subscription_charges c set refunded = true
     where c.subscription_id = v_sub.id and c.period_index = v_sub.period_index;
  end if;
  update public.subscriptions s
     set status = 'refunded', grace_until = null, ended_at = clock_timestamp(), end_reason = 'refunded'
   where s.id = v_sub.id returning * into v_sub;
  return v_sub;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- subscriber-only posts
-- ---------------------------------------------------------------------------------------------------
create table public.creator_posts (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null references public.profiles (id) on delete cascade,
  title text not null constraint creator_posts_title check (char_length(btrim(title)) between 1 and 120),
  body text not null constraint creator_posts_body check (char_length(body) between 1 and 5000),
  media_url text constraint creator_posts_media check (media_url is null or (media_url ~ '^https?://' and char_length(media_url) <= 500)),
  required_level integer constraint creator_posts_level check (required_level is null or required_level between 1 and 5),
  created_at timestamptz not null default now()
);
comment on column public.creator_posts.required_level is 'Tier level needed to read body and media (that tier or above); null = public.';
create index creator_posts_creator_idx on public.creator_posts (creator_id, created_at desc);

alter table public.creator_posts enable row level security;
revoke all on public.creator_posts from anon, authenticated;
grant select on public.creator_posts to anon, authenticated;
grant insert (creator_id, title, body, media_url, required_level), delete on public.creator_posts to authenticated;
grant all on public.creator_posts to service_role;
-- Full rows only for the author, public posts, and subscribers at the required level or above.
create policy creator_posts_select_public on public.creator_posts for select to anon
  using (required_level is null);
create policy creator_posts_select_entitled on public.creator_posts for select to authenticated
  using (required_level is null
         or creator_id = (select auth.uid())
         or private.subscription_level((select auth.uid()), creator_id, now()) >= required_level);
create policy creator_posts_insert_own on public.creator_posts for insert to authenticated
  with check (creator_id = (select auth.uid()) and (select private.current_role_name()) = 'creator');
create policy creator_posts_delete_own on public.creator_posts for delete to authenticated
  using (creator_id = (select auth.uid()));

-- A creator's posts for the caller (anon too), newest first: locked ones carry title, date and the tier
-- needed, never body or media. The same rule as the policy above.
create function public.creator_post_feed(creator_id uuid, page_size integer default 20, page integer default 1)
returns table (id uuid, title text, body text, media_url text, required_level integer, required_tier text,
  locked boolean, created_at timestamptz, total_count bigint)
language sql
stable
security definer
set search_path = ''
as $$
  with me as (
    select (select auth.uid()) as uid,
           private.subscription_level((select auth.uid()), creator_post_feed.creator_id, now()) as level
  )
  select p.id, p.title,
         case when x.open then p.body end,
         case when x.open then p.media_url end,
         p.required_level,
         (select t.name from public.subscription_tiers t
           where t.creator_id = p.creator_id and t.level = p.required_level),
         not x.open, p.created_at, count(*) over ()
    from public.creator_posts p
    cross join me
    cross join lateral (select (p.required_level is null or coalesce(p.creator_id = me.uid, false)
                                or me.level >= p.required_level) as open) x
   where p.creator_id = creator_post_feed.creator_id
   order by p.created_at desc, p.id
   limit least(greatest(coalesce(creator_post_feed.page_size, 20), 1), 50)
  offset (greatest(coalesce(creator_post_feed.page, 1), 1) - 1) * least(greatest(coalesce(creator_post_feed.page_size, 20), 1), 50)
$$;

-- ---------------------------------------------------------------------------------------------------
-- creator view: subscribers and figures
-- ---------------------------------------------------------------------------------------------------
-- The caller's subscribers (every lifecycle; p_status filters), with months subscribed (paid periods).
create function public.my_subscribers(status text default null, page_size integer default 50, page integer default 1)
returns table (subscription_id uuid, fan_id uuid, username text, display_name text, tier_name text, tier_level integer,
  status text, cancel_at_period_end boolean, started_at timestamptz, current_period_end timestamptz,
  grace_until timestamptz, ended_at timestamptz, price integer, months integer, total_count bigint)
language sql
stable
security definer
set search_path = ''
as $$
  select s.id, s.fan_id, p.username, p.display_name, t.name, t.level, s.status, s.cancel_at_period_end,
         s.started_at, s.current_period_end, s.grace_until, s.ended_at, s.price,
         (select count(*)::integer from public.subscription_charges c where c.subscription_id = s.id and not c.refunded),
         count(*) over ()
    from public.subscriptions s
    join public.profiles p on p.id = s.fan_id
    join public.subscription_tiers t on t.id = s.tier_id
   where s.creator_id = (select auth.uid())
     and (my_subscribers.status is null or s.status = my_subscribers.status)
   order by (s.status in ('active', 'grace')) desc, s.started_at desc, s.id
   limit least(greatest(coalesce(my_subscribers.page_size, 50), 1), 1000)
  offset (greatest(coalesce(my_subscribers.page, 1), 1) - 1) * least(greatest(coalesce(my_subscribers.page_size, 50), 1), 1000)
$$;

-- MRR: what live, not-cancelled subscriptions will pay at their next renewal (current tier prices).
-- Churn this month: subscriptions that ended since the start of the month (in p_tz), over those live at
-- its start. Also the fan-side USD value of a token (cheapest active package rate, in cents per token).
create function public.my_subscription_stats(tz text default 'UTC')
returns table (active_count bigint, mrr_tokens bigint, mrr_usd_cents bigint, churned_this_month bigint,
  live_at_month_start bigint, churn_rate numeric, usd_cents_per_token numeric)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := (select auth.uid());
  v_tz text := coalesce(nullif(tz, ''), 'UTC');
  v_month_start timestamptz;
  v_rate numeric;
begin
  if not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = v_tz) then
    raise exception 'Unknown time zone %', v_tz using errcode = 'CO422';
  end if;
  v_month_start := date_trunc('month', now() at time zone v_tz) at time zone v_tz;
  select min(k.price_cents::numeric / k.tokens) into v_rate from public.token_packages k where k.active;
  return query
  with live as (
    select s.*, t.price as next_price from public.subscriptions s join public.subscription_tiers t on t.id = s.tier_id
     where s.creator_id = v_uid and s.status in ('active', 'grace')
  ),
  at_start as (
    select count(*) as n from public.subscriptions s
     where s.creator_id = v_uid and s.started_at < v_month_start
       and (s.ended_at is null or s.ended_at >= v_month_start)
  ),
  churned as (
    select count(*) as n from public.subscriptions s
     where s.creator_id = v_uid and s.ended_at >= v_month_start and s.started_at < v_month_start
  )
  select (select count(*) from live),
         (select coalesce(sum(l.next_price) filter (where not l.cancel_at_period_end), 0)::bigint from live l),
         round((select coalesce(sum(l.next_price) filter (where not l.cancel_at_period_end), 0) from live l) * coalesce(v_rate, 0))::bigint,
         (select n from churned),
         (select n from at_start),
         case when (select n from at_start) = 0 then 0::numeric
              else round((select n from churned)::numeric / (select n from at_start), 4) end,
         round(coalesce(v_rate, 0), 4);
end;
$$;

-- The caller's own subscriptions (fan view).
create function public.my_subscriptions()
returns table (subscription_id uuid, creator_id uuid, creator_username text, creator_display_name text,
  tier_id uuid, tier_name text, tier_price integer, status text, cancel_at_period_end boolean, started_at timestamptz,
  current_period_end timestamptz, grace_until timestamptz, ended_at timestamptz, price integer)
language sql
stable
security definer
set search_path = ''
as $$
  select s.id, s.creator_id, p.username, p.display_name, t.id, t.name, t.price, s.status, s.cancel_at_period_end,
         s.started_at, s.current_period_end, s.grace_until, s.ended_at, s.price
    from public.subscriptions s
    join public.profiles p on p.id = s.creator_id
    join public.subscription_tiers t on t.id = s.tier_id
   where s.fan_id = (select auth.uid())
   order by (s.status in ('active', 'grace')) desc, s.started_at desc
   limit 200
$$;

revoke all on function public.save_subscription_tier(uuid, integer, text, integer, text, integer, boolean, text, text),
  public.subscribe(uuid), public.cancel_subscription(uuid), public.refund_subscription(uuid, text),
  public.creator_post_feed(uuid, integer, integer), public.my_subscribers(text, integer, integer),
  public.my_subscription_stats(text), public.my_subscriptions()
  from public, anon;
grant execute on function public.save_subscription_tier(uuid, integer, text, integer, text, integer, boolean, text, text),
  public.subscribe(uuid), public.cancel_subscription(uuid), public.refund_subscription(uuid, text),
  public.creator_post_feed(uuid, integer, integer), public.my_subscribers(text, integer, integer),
  public.my_subscription_stats(text), public.my_subscriptions()
  to authenticated, service_role;
-- Anonymous visitors read a creator's feed (locked previews).
grant execute on function public.creator_post_feed(uuid, integer, integer) to anon;

-- ---------------------------------------------------------------------------------------------------
-- Discord role sync bookkeeping (private: the server's job writes it; creators read failures via a function)
-- ---------------------------------------------------------------------------------------------------
create table private.subscription_role_grants (
  subscription_id uuid not null references public.subscriptions (id) on delete cascade,
  guild_id text not null,
  role_id text not null,
  discord_user_id text not null,
  granted boolean not null,
  updated_at timestamptz not null default now(),
  primary key (subscription_id, guild_id, role_id)
);
comment on column private.subscription_role_grants.granted is 'What the bot last did successfully: true = role added, false = removed.';

create table private.subscription_role_failures (
  id bigint generated always as identity primary key,
  creator_id uuid not null references public.profiles (id) on delete cascade,
  tier_id uuid references public.subscription_tiers (id) on delete cascade,
  guild_id text not null,
  role_id text not null,
  discord_user_id text,
  action text not null constraint subscription_role_failures_action check (action in ('add', 'remove', 'list')),
  http_status integer,
  discord_code integer,
  message text not null,
  fix text not null,
  created_at timestamptz not null default now(),
  resolved_at timestamptz
);
create index subscription_role_failures_open_idx on private.subscription_role_failures (creator_id) where resolved_at is null;
revoke all on private.subscription_role_grants, private.subscription_role_failures from public, anon, authenticated;
grant select, insert, update, delete on private.subscription_role_grants, private.subscription_role_failures to service_role;

create function public.my_discord_role_failures()
returns table (id bigint, tier_name text, guild_id text, role_id text, action text, http_status integer,
  discord_code integer, message text, fix text, created_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select f.id, t.name, f.guild_id, f.role_id, f.action, f.http_status, f.discord_code, f.message, f.fix, f.created_at
    from private.subscription_role_failures f left join public.subscription_tiers t on t.id = f.tier_id
   where f.creator_id = (select auth.uid()) and f.resolved_at is null
   order by f.created_at desc
   limit 50
$$;
revoke all on function public.my_discord_role_failures() from public, anon;
grant execute on function public.my_discord_role_failures() to authenticated, service_role;
