-- Subscriptions, part 1: tiers, subscriptions, per-period charges, and the billing functions.
--
-- Billing rule: a period is one calendar month from its start. The first period is charged when the fan
-- subscribes; each later period is charged by the daily renewal job at the tier's price *at renewal time*
-- (so a price change reaches existing subscribers at their next period only). Every charge is one ledger
-- transfer (fan wallet → creator earnings − fee, platform revenue + fee) with idempotency key
-- (scope 'subscription:<id>', key 'period:<n>'), and one public.subscription_charges row keyed on
-- (subscription_id, period_index). A wallet that cannot pay a renewal puts the subscription in a 3-day grace
-- (access continues); paying during grace renews it, the end of grace expires it. Cancelling keeps access to
-- the end of the paid period. Every state change happens under the subscription row's lock.
-- Errors: CO402 insufficient tokens, CO403 forbidden, CO404 not found, CO409 state conflict, CO422 invalid.

-- ---------------------------------------------------------------------------------------------------
-- tiers: at most 5 per creator — enforced by level 1..5 being unique per creator.
-- ---------------------------------------------------------------------------------------------------
create table public.subscription_tiers (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null references public.profiles (id) on delete cascade,
  level integer not null constraint subscription_tiers_level check (level between 1 and 5),
  name text not null constraint subscription_tiers_name check (char_length(btrim(name)) between 1 and 60),
  price integer not null constraint subscription_tiers_price check (price between 1 and 100000),
  perks text not null default '' constraint subscription_tiers_perks check (char_length(perks) <= 1000),
  member_cap integer constraint subscription_tiers_member_cap check (member_cap is null or member_cap between 1 and 1000000),
  active boolean not null default true,
  discord_guild_id text constraint subscription_tiers_guild check (discord_guild_id is null or discord_guild_id ~ '^[0-9]{5,25}$'),
  discord_role_id text constraint subscription_tiers_role check (discord_role_id is null or discord_role_id ~ '^[0-9]{5,25}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint subscription_tiers_level_unique unique (creator_id, level),
  constraint subscription_tiers_discord_pair check ((discord_guild_id is null) = (discord_role_id is null))
);
comment on table public.subscription_tiers is 'A creator''s subscription tiers; level 1..5 is both the order (higher = more access) and the cap of 5 per creator.';
comment on column public.subscription_tiers.price is 'Tokens per monthly period. A change applies from each subscriber''s next period.';
comment on column public.subscription_tiers.member_cap is 'Most active subscribers this tier takes; null = unlimited.';
comment on column public.subscription_tiers.discord_role_id is 'Role the bot gives linked subscribers of this tier in discord_guild_id.';

alter table public.subscription_tiers enable row level security;
revoke all on public.subscription_tiers from anon, authenticated;
grant select on public.subscription_tiers to anon, authenticated;
grant all on public.subscription_tiers to service_role;
-- Everyone sees active tiers of creators; a creator also sees their inactive ones. Writes go through functions.
create policy subscription_tiers_select_all on public.subscription_tiers for select to anon, authenticated
  using (active or creator_id = (select auth.uid()));
create trigger subscription_tiers_touch_updated_at before update on public.subscription_tiers
  for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------------
-- subscriptions: one row per lifecycle (a resubscribe after expiry is a new row; "since" is started_at).
-- ---------------------------------------------------------------------------------------------------
create table public.subscriptions (
  id uuid primary key default gen_random_uuid(),
  fan_id uuid not null references public.profiles (id) on delete cascade,
  creator_id uuid not null references public.profiles (id) on delete cascade,
  tier_id uuid not null references public.subscription_tiers (id),
  status text not null default 'active'
    constraint subscriptions_status check (status in ('active', 'grace', 'expired', 'refunded')),
  cancel_at_period_end boolean not null default false,
  started_at timestamptz not null,
  period_index integer not null default 0,
  current_period_start timestamptz not null,
  current_period_end timestamptz not null,
  price integer not null,
  grace_until timestamptz,
  canceled_at timestamptz,
  ended_at timestamptz,
  end_reason text constraint subscriptions_end_reason check (end_reason is null or end_reason in ('canceled', 'unpaid', 'refunded')),
  updated_at timestamptz not null default now(),
  constraint subscriptions_not_self check (fan_id <> creator_id),
  constraint subscriptions_period check (current_period_end > current_period_start),
  constraint subscriptions_grace check ((status = 'grace') = (grace_until is not null)),
  constraint subscriptions_ended check ((status in ('expired', 'refunded')) = (ended_at is not null))
);
comment on column public.subscriptions.price is 'Tokens charged for the current period (the tier price when it was charged).';
comment on column public.subscriptions.period_index is 'Number of the current period: 0 is the one paid at subscribe.';
comment on column public.subscriptions.grace_until is 'Set while a renewal could not be paid: access continues until then, then the subscription expires.';
-- One live subscription per fan and creator.
create unique index subscriptions_live_unique on public.subscriptions (fan_id, creator_id) where status in ('active', 'grace');
create index subscriptions_creator_idx on public.subscriptions (creator_id, status);
create index subscriptions_due_idx on public.subscriptions (current_period_end) where status = 'active';
create index subscriptions_grace_idx on public.subscriptions (grace_until) where status = 'grace';
create index subscriptions_tier_idx on public.subscriptions (tier_id) where status in ('active', 'grace');

alter table public.subscriptions enable row level security;
revoke all on public.subscriptions from anon, authenticated;
grant select on public.subscriptions to authenticated;
grant all on public.subscriptions to service_role;
create policy subscriptions_select_party on public.subscriptions for select to authenticated
  using (fan_id = (select auth.uid()) or creator_id = (select auth.uid()));
create trigger subscriptions_touch_updated_at before update on public.subscriptions
  for each row execute function private.touch_updated_at();

create table public.subscription_charges (
  subscription_id uuid not null references public.subscriptions (id) on delete cascade,
  period_index integer not null,
  amount integer not null,
  fee integer not null,
  transfer_id bigint not null,
  period_start timestamptz not null,
  period_end timestamptz not null,
  refunded boolean not null default false,
  charged_at timestamptz not null,
  primary key (subscription_id, period_index)
);
comment on table public.subscription_charges is 'One row per paid period: the (subscription, period) key makes billing at most once.';
alter table public.subscription_charges enable row level security;
revoke all on public.subscription_charges from anon, authenticated;
grant select on public.subscription_charges to authenticated;
grant all on public.subscription_charges to service_role;
create policy subscription_charges_select_party on public.subscription_charges for select to authenticated
  using (exists (select 1 from public.subscriptions s where s.id = subscription_id
                  and (s.fan_id = (select auth.uid()) or s.creator_id = (select auth.uid()))));

-- ---------------------------------------------------------------------------------------------------
-- access
-- ---------------------------------------------------------------------------------------------------
-- The level a fan's live subscription to a creator gives at p_now (0 = none). Active covers a cancelled
-- subscription until its period ends; grace covers the grace days.
create function private.subscription_level(p_fan uuid, p_creator uuid, p_now timestamptz) returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(max(t.level), 0)::integer
    from public.subscriptions s join public.subscription_tiers t on t.id = s.tier_id
   where s.fan_id = p_fan and s.creator_id = p_creator
     and ((s.status = 'active' and (not s.cancel_at_period_end or s.current_period_end > p_now))
       or (s.status = 'grace' and s.grace_until > p_now))
$$;
revoke all on function private.subscription_level(uuid, uuid, timestamptz) from public, anon;
grant execute on function private.subscription_level(uuid, uuid, timestamptz) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- the charge (owner-only helper)
-- ---------------------------------------------------------------------------------------------------
-- Charges period p_period of subscription p_sub (already locked by the caller) p_amount tokens. A replay of
-- the same period returns the original transfer (ledger idempotency) and inserts no second charge row.
create function private.subscription_charge(p_sub public.subscriptions, p_period integer, p_amount integer,
  p_start timestamptz, p_end timestamptz, p_now timestamptz) returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_fee bigint;
  v_tid bigint;
  v_memo text;
begin
  select p_amount::bigint * c.fee_bps / 10000 into v_fee from ledger.config c;
  select 'Subscription to @' || p.username || ' (' || t.name || ')' into v_memo
    from public.profiles p, public.subscription_tiers t where p.id = p_sub.creator_id and t.id = p_sub.tier_id;
  select x.transfer_id into v_tid
    from ledger.transfer('subscription', 'subscription:' || p_sub.id::text, 'period:' || p_period::text,
      array[ledger.account_for('fan_wallet', p_sub.fan_id), ledger.account_for('creator_earnings', p_sub.creator_id, 0),
            ledger.account_for('platform_revenue', null, 0)],
      array[-p_amount::bigint, p_amount - v_fee, v_fee],
      jsonb_build_object('memo', v_memo, 'subscription_id', p_sub.id, 'period_index', p_period,
                         'payer_id', p_sub.fan_id, 'creator_id', p_sub.creator_id)) x;
  insert into public.subscription_charges (subscription_id, period_index, amount, fee, transfer_id, period_start, period_end, charged_at)
  values (p_sub.id, p_period, p_amount, v_fee, v_tid, p_start, p_end, p_now)
  on conflict (subscription_id, period_index) do nothing;
  return v_tid;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- renewal (service_role; the daily job): one subscription under its lock, and the due batch
-- ---------------------------------------------------------------------------------------------------
-- Returns what happened: 'renewed', 'grace' (renewal unpaid, grace starts), 'expired' (cancelled at period
-- end, or grace over), or 'none' (not due — e.g. a concurrent run did it first).
create function private.renew_subscription(p_sub_id uuid, p_now timestamptz) returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_sub public.subscriptions;
  v_price integer;
  v_next_start timestamptz;
  v_next_end timestamptz;
begin
  select s.* into v_sub from public.subscriptions s where s.id = p_sub_id for update;
  if v_sub.id is null or v_sub.status not in ('active', 'grace') or v_sub.current_period_end > p_now then
    return 'none';
  end if;
  if v_sub.cancel_at_period_end then
    update public.subscriptions s
       set status = 'expired', grace_until = null, ended_at = v_sub.current_period_end, end_reason = 'canceled'
     where s.id = p_sub_id;
    return 'expired';
  end if;
  select t.price into v_price from public.subscription_tiers t where t.id = v_sub.tier_id;
  v_next_start := v_sub.current_period_end;
  v_next_end := v_next_start + interval '1 month';
  begin
    perform private.subscription_charge(v_sub, v_sub.period_index + 1, v_price, v_next_start, v_next_end, p_now);
  exception when sqlstate 'CO402' then
    if v_sub.status = 'grace' then
      if v_sub.grace_until <= p_now then
        update public.subscriptions s
           set status = 'expired', grace_until = null, ended_at = v_sub.grace_until, end_reason = 'unpaid'
         where s.id = p_sub_id;
        return 'expired';
      end if;
      return 'none';
    end if;
    update public.subscriptions s set status = 'grace', grace_until = v_sub.current_period_end + interval '3 days'
     where s.id = p_sub_id;
    return 'grace';
  end;
  update public.subscriptions s
     set status = 'active', grace_until = null, period_index = v_sub.period_index + 1,
         current_period_start = v_next_start, current_period_end = v_next_end, price = v_price
   where s.id = p_sub_id;
  return 'renewed';
end;
$$;

-- Every subscription due at p_now, oldest first: renewals whose period ended and grace retries. Each one
-- commits with the batch; two concurrent runs serialise on each row's lock and the loser finds it not due.
create function private.renew_due_subscriptions(p_now timestamptz, p_limit integer default 500)
returns table (subscription_id uuid, outcome text)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_id uuid;
  v_outcome text;
begin
  for v_id in
    select s.id from public.subscriptions s
     where s.status in ('active', 'grace') and s.current_period_end <= p_now
     order by s.current_period_end, s.id
     limit greatest(coalesce(p_limit, 500), 1)
  loop
    v_outcome := private.renew_subscription(v_id, p_now);
    if v_outcome <> 'none' then
      subscription_id := v_id;
      outcome := v_outcome;
      return next;
    end if;
  end loop;
end;
$$;

revoke all on function private.subscription_charge(public.subscriptions, integer, integer, timestamptz, timestamptz, timestamptz),
  private.renew_subscription(uuid, timestamptz), private.renew_due_subscriptions(timestamptz, integer)
  from public, anon, authenticated;
grant execute on function private.renew_subscription(uuid, timestamptz), private.renew_due_subscriptions(timestamptz, integer)
  to service_role;
