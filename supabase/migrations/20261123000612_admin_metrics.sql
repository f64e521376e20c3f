-- Admin console, part 3: platform metrics per UTC day, read from the ledger, calls and Discord tables.
-- "Active" means did something that moved tokens or a call: a fan whose wallet had a ledger entry or who
-- requested a call; a creator whose earnings were credited or who was requested for a call.

create function private.active_people(from_time timestamptz, to_time timestamptz)
returns table (profile_id uuid, role text, day date)
language sql
stable
security definer
set search_path = ''
as $$
  select a.owner_id, case a.kind when 'fan_wallet' then 'fan' else 'creator' end, (t.created_at at time zone 'utc')::date
    from ledger.transfers t
    join ledger.entries e on e.transfer_id = t.id
    join ledger.accounts a on a.id = e.account_id and a.kind in ('fan_wallet', 'creator_earnings')
   where t.created_at >= from_time and t.created_at < to_time
  union
  select c.fan_id, 'fan', (c.requested_at at time zone 'utc')::date
    from public.calls c where c.requested_at >= from_time and c.requested_at < to_time
  union
  select c.creator_id, 'creator', (c.requested_at at time zone 'utc')::date
    from public.calls c where c.requested_at >= from_time and c.requested_at < to_time
$$;
revoke execute on function private.active_people(timestamptz, timestamptz) from public, anon, authenticated;
grant execute on function private.active_people(timestamptz, timestamptz) to service_role;

create function public.admin_platform_metrics(from_day date, to_day date)
returns table (day date, tokens_sold bigint, revenue_cents bigint, platform_fee_tokens bigint,
               call_minutes bigint, tickets_opened bigint, tickets_resolved bigint, ai_spend_usd numeric,
               active_fans bigint, active_creators bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  t0 timestamptz := from_day::timestamp at time zone 'utc';
  t1 timestamptz := (to_day + 1)::timestamp at time zone 'utc';
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read platform metrics' using errcode = 'CO403';
  end if;
  if from_day is null or to_day is null or to_day < from_day or to_day - from_day > 366 then
    raise exception 'Choose a range of 1 to 367 days' using errcode = 'CO422';
  end if;
  return query
    with days as (select g::date as day from generate_series(from_day, to_day, interval '1 day') g),
    sales as (
      select (s.created_at at time zone 'utc')::date as day, sum(s.tokens)::bigint as tokens, sum(s.amount_cents)::bigint as cents
        from ledger.stripe_payments s where s.created_at >= t0 and s.created_at < t1 group by 1),
    fees as (
      select (t.created_at at time zone 'utc')::date as day, sum(e.amount)::bigint as fee
        from ledger.transfers t
        join ledger.entries e on e.transfer_id = t.id
        join ledger.accounts a on a.id = e.account_id and a.kind = 'platform_revenue'
       where t.created_at >= t0 and t.created_at < t1 group by 1),
    minutes as (
      select (m.settled_at at time zone 'utc')::date as day, count(*)::bigint as n
        from public.call_minutes m where m.settled_at >= t0 and m.settled_at < t1 group by 1),
    opened as (
      select (k.created_at at time zone 'utc')::date as day, count(*)::bigint as n
        from discord.tickets k where k.created_at >= t0 and k.created_at < t1 group by 1),
    resolved as (
      select (k.resolved_at at time zone 'utc')::date as day, count(*)::bigint as n
        from discord.tickets k where k.resolved_at >= t0 and k.resolved_at < t1 group by 1),
    ai as (
      select (u.created_at at time zone 'utc')::date as day, sum(u.cost_usd) as usd
        from discord.ai_usage u
       where u.created_at >= t0 and u.created_at < t1 and u.status in ('pending', 'completed') group by 1),
    active as (
      select x.day, count(distinct x.profile_id) filter (where x.role = 'fan')::bigint as fans,
             count(distinct x.profile_id) filter (where x.role = 'creator')::bigint as creators
        from private.active_people(t0, t1) x group by x.day)
    select d.day, coalesce(sales.tokens, 0), coalesce(sales.cents, 0), coalesce(fees.fee, 0),
           coalesce(minutes.n, 0), coalesce(opened.n, 0), coalesce(resolved.n, 0), coalesce(ai.usd, 0),
           coalesce(active.fans, 0), coalesce(active.creators, 0)
      from days d
      left join sales on sales.day = d.day
      left join fees on fees.day = d.day
      left join minutes on minutes.day = d.day
      left join opened on opened.day = d.day
      left join resolved on resolved.day = d.day
      left join ai on ai.day = d.day
      left join active on active.day = d.day
     order by d.day;
end;
$$;
revoke execute on function public.admin_platform_metrics(date, date) from public, anon;
grant execute on function public.admin_platform_metrics(date, date) to authenticated;

-- Distinct active fans and creators over the last 7 and 30 days before at_time.
create function public.admin_active_users(at_time timestamptz default now())
returns table (fans_7d bigint, fans_30d bigint, creators_7d bigint, creators_30d bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  t timestamptz := coalesce(at_time, now());
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read platform metrics' using errcode = 'CO403';
  end if;
  return query
    select count(distinct x.profile_id) filter (where x.role = 'fan' and x.day > (t at time zone 'utc')::date - 7),
           count(distinct x.profile_id) filter (where x.role = 'fan'),
           count(distinct x.profile_id) filter (where x.role = 'creator' and x.day > (t at time zone 'utc')::date - 7),
           count(distinct x.profile_id) filter (where x.role = 'creator')
      from private.active_people(((t at time zone 'utc')::date - 29)::timestamp at time zone 'utc', t) x;
end;
$$;
revoke execute on function public.admin_active_users(timestamptz) from public, anon;
grant execute on function public.admin_active_users(timestamptz) to authenticated;
