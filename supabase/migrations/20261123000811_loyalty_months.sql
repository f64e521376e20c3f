-- Loyalty badge ("subscribed N months"): ONE definition of N, used by the creator's subscriber list, stream
-- chat and direct messages so the three always agree. N = paid, not refunded periods of a subscription.
-- For a fan and a creator, N counts the fan's current subscription only: live (active, grace, or cancelled
-- but still inside its paid period — the same test as private.subscription_level); otherwise 0 (no badge).

create function private.subscription_months(p_subscription_id uuid) returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select count(*)::integer from public.subscription_charges c
   where c.subscription_id = p_subscription_id and not c.refunded
$$;

create function private.loyalty_months(p_fan uuid, p_creator uuid) returns integer
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select private.subscription_months(s.id)
      from public.subscriptions s
     where s.fan_id = p_fan and s.creator_id = p_creator
       and ((s.status = 'active' and (not s.cancel_at_period_end or s.current_period_end > now()))
         or (s.status = 'grace' and s.grace_until > now()))
     order by s.started_at desc
     limit 1), 0)
$$;

-- Shown next to a fan's name wherever they speak (chat, DMs), like private.subscription_level it is
-- readable by signed-in users; never by anon.
revoke all on function private.subscription_months(uuid), private.loyalty_months(uuid, uuid) from public, anon;
grant execute on function private.subscription_months(uuid), private.loyalty_months(uuid, uuid)
  to authenticated, service_role;

-- The subscriber list now counts months through the shared definition (same result as before).
create or replace function public.my_subscribers(status text default null, page_size integer default 50, page integer default 1)
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
         private.subscription_months(s.id),
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
