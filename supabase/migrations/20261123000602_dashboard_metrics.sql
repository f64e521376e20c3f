-- Staff dashboard metrics. Each is a SECURITY DEFINER function that first checks the caller may view
-- the guild (private.assert_can_view_guild: CO401/CO403) and then reads the local-day rollups of
-- 20261123000601. Dates are local days of the guild's timezone, ranges inclusive. Definitions:
--   Top members   highest Community Score over the range, with a per-day series for sparklines.
--   Rising stars  score in the range ≥ p_min_score and higher than in the previous window of the same
--                 length; growth = absolute points gained, growth_pct = gain / previous × 100 (null when the
--                 previous window had no activity: a new member). Ordered by growth, or by growth_pct.
--   Churn radar   last full Monday–Sunday week ending on or before the range end (today is never a full
--                 day) vs the week before it: prior week ≥ p_min_prior and last week < half of it.
--   Star scouter  joined in the 30 days up to the end of the range and ranked in the top 10% (rank ≤
--                 ceil(10% of members with any activity in the range), ties included) by score in the range.

create function private.dash_check_range(p_from date, p_to date) returns integer
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_from is null or p_to is null then
    raise exception 'Choose a start and an end date' using errcode = 'CO422';
  end if;
  if p_to < p_from then
    raise exception 'The end date is before the start date' using errcode = 'CO422';
  end if;
  if p_to - p_from > 365 then
    raise exception 'Choose a range of at most 366 days' using errcode = 'CO422';
  end if;
  return p_to - p_from + 1;
end;
$$;
revoke execute on function private.dash_check_range(date, date) from public;
grant execute on function private.dash_check_range(date, date) to authenticated, service_role;

create function private.dash_clamp(n integer, lo integer, hi integer) returns integer
language sql
immutable
set search_path = ''
as $$ select least(greatest(coalesce(n, lo), lo), hi) $$;
revoke execute on function private.dash_clamp(integer, integer, integer) from public;
grant execute on function private.dash_clamp(integer, integer, integer) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
create function public.dash_top_members(p_guild_id text, p_from date, p_to date, p_limit integer default 10)
returns table (rank integer, user_id text, username text, score numeric, messages integer, reactions integer,
               series numeric[])
language plpgsql
stable
security definer
set search_path = ''
-- One hash aggregate over every member of the guild: keep it in memory (no spill to disk) and skip JIT.
set work_mem = '64MB'
set jit = off
as $$
#variable_conflict use_column
begin
  perform private.assert_can_view_guild(p_guild_id);
  perform private.dash_check_range(p_from, p_to);
  return query
  with top as (
    select d.user_id, sum(d.score_milli) as milli
      from community.member_daily d
     where d.guild_id = p_guild_id and d.day between p_from and p_to
     group by d.user_id
     order by sum(d.score_milli) desc, d.user_id
     limit private.dash_clamp(p_limit, 1, 100)
  )
  select (row_number() over (order by t.milli desc, t.user_id))::integer, t.user_id,
         coalesce(m.username, t.user_id), round(t.milli / 1000.0, 3), s.messages, s.reactions, s.series
    from top t
    left join discord.members m on m.guild_id = p_guild_id and m.user_id = t.user_id
    cross join lateral (
      select coalesce(sum(d.messages), 0)::integer as messages, coalesce(sum(d.reactions), 0)::integer as reactions,
             array_agg(round(coalesce(d.score_milli, 0) / 1000.0, 3) order by g.day) as series
        from generate_series(p_from, p_to, interval '1 day') as g(day)
        left join community.member_daily d
          on d.guild_id = p_guild_id and d.user_id = t.user_id and d.day = g.day::date
    ) s
   order by t.milli desc, t.user_id;
end;
$$;
revoke execute on function public.dash_top_members(text, date, date, integer) from public, anon;
grant execute on function public.dash_top_members(text, date, date, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------------
create function public.dash_rising_stars(p_guild_id text, p_from date, p_to date, p_min_score numeric default 10,
                                         p_order text default 'absolute', p_limit integer default 25,
                                         p_offset integer default 0)
returns table (user_id text, username text, score numeric, previous_score numeric, growth numeric,
               growth_pct numeric, total_count integer)
language plpgsql
stable
security definer
set search_path = ''
-- One hash aggregate over every member of the guild: keep it in memory (no spill to disk) and skip JIT.
set work_mem = '64MB'
set jit = off
as $$
#variable_conflict use_column
declare
  n integer;
begin
  perform private.assert_can_view_guild(p_guild_id);
  n := private.dash_check_range(p_from, p_to);
  if p_order not in ('absolute', 'percent') then
    raise exception 'Order by absolute or percent growth' using errcode = 'CO422';
  end if;
  if p_min_score is null or p_min_score < 0 then
    raise exception 'The activity floor must be zero or more' using errcode = 'CO422';
  end if;
  return query
  -- Members over the floor first (one pass over the range), then each one's previous window by primary key.
  with c as (
    select d.user_id, sum(d.score_milli) as cur
      from community.member_daily d
     where d.guild_id = p_guild_id and d.day between p_from and p_to
     group by d.user_id
    having sum(d.score_milli) >= p_min_score * 1000 and sum(d.score_milli) > 0
  ), w as (
    select c.user_id, c.cur,
           coalesce((select sum(d.score_milli) from community.member_daily d
                      where d.guild_id = p_guild_id and d.user_id = c.user_id
                        and d.day between p_from - n and p_from - 1), 0) as prev
      from c
  ), r as (
    select w.user_id, w.cur, w.prev, w.cur - w.prev as growth,
           case when w.prev > 0 then round((w.cur - w.prev) * 100.0 / w.prev, 1) end as pct
      from w
     where w.cur >= p_min_score * 1000 and w.cur > w.prev
  ), page as (
    select r.*, count(*) over ()::integer as total
      from r
     order by case when p_order = 'percent' then r.pct end desc nulls last, r.growth desc, r.user_id
     limit private.dash_clamp(p_limit, 1, 10000) offset greatest(coalesce(p_offset, 0), 0)
  )
  select p.user_id, coalesce(m.username, p.user_id), round(p.cur / 1000.0, 3), round(p.prev / 1000.0, 3),
         round(p.growth / 1000.0, 3), p.pct, p.total
    from page p
    left join discord.members m on m.guild_id = p_guild_id and m.user_id = p.user_id
   order by case when p_order = 'percent' then p.pct end desc nulls last, p.growth desc, p.user_id;
end;
$$;
revoke execute on function public.dash_rising_stars(text, date, date, numeric, text, integer, integer) from public, anon;
grant execute on function public.dash_rising_stars(text, date, date, numeric, text, integer, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- The weeks churn compares, for a range ending on p_to: the last full Monday–Sunday week ending on or
-- before p_to (or before today, which is not over yet), and the week before it.
create function public.dash_churn_weeks(p_guild_id text, p_to date)
returns table (week_start date, week_end date, prior_start date, prior_end date)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  last_day date;
  e date;
begin
  perform private.assert_can_view_guild(p_guild_id);
  if p_to is null then
    raise exception 'Choose an end date' using errcode = 'CO422';
  end if;
  last_day := least(p_to, (now() at time zone community.guild_timezone(p_guild_id))::date - 1);
  e := last_day - (extract(isodow from last_day)::integer % 7);
  return query select e - 6, e, e - 13, e - 7;
end;
$$;
revoke execute on function public.dash_churn_weeks(text, date) from public, anon;
grant execute on function public.dash_churn_weeks(text, date) to authenticated;

create function public.dash_churn_radar(p_guild_id text, p_to date, p_min_prior numeric default 10,
                                        p_limit integer default 25, p_offset integer default 0)
returns table (user_id text, username text, prior_week numeric, last_week numeric, change_pct numeric,
               last_seen date, total_count integer)
language plpgsql
stable
security definer
set search_path = ''
-- One hash aggregate over every member of the guild: keep it in memory (no spill to disk) and skip JIT.
set work_mem = '64MB'
set jit = off
as $$
#variable_conflict use_column
declare
  wk record;
begin
  select * into wk from public.dash_churn_weeks(p_guild_id, p_to);
  if p_min_prior is null or p_min_prior <= 0 then
    raise exception 'The prior-activity floor must be more than zero' using errcode = 'CO422';
  end if;
  return query
  with w as (
    select d.user_id,
           coalesce(sum(d.score_milli) filter (where d.day >= wk.week_start), 0) as last_week,
           coalesce(sum(d.score_milli) filter (where d.day < wk.week_start), 0) as prior
      from community.member_daily d
     where d.guild_id = p_guild_id and d.day between wk.prior_start and wk.week_end
     group by d.user_id
  ), c as (
    select w.*, round((w.last_week - w.prior) * 100.0 / w.prior, 1) as pct, count(*) over ()::integer as total
      from w
     where w.prior >= p_min_prior * 1000 and w.last_week * 2 < w.prior
     order by round((w.last_week - w.prior) * 100.0 / w.prior, 1), w.prior desc, w.user_id
     limit private.dash_clamp(p_limit, 1, 10000) offset greatest(coalesce(p_offset, 0), 0)
  )
  select c.user_id, coalesce(m.username, c.user_id), round(c.prior / 1000.0, 3), round(c.last_week / 1000.0, 3), c.pct,
         (select max(d.day) from community.member_daily d where d.guild_id = p_guild_id and d.user_id = c.user_id),
         c.total
    from c
    left join discord.members m on m.guild_id = p_guild_id and m.user_id = c.user_id
   order by c.pct, c.prior desc, c.user_id;
end;
$$;
revoke execute on function public.dash_churn_radar(text, date, numeric, integer, integer) from public, anon;
grant execute on function public.dash_churn_radar(text, date, numeric, integer, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------------
create function public.dash_star_scouter(p_guild_id text, p_from date, p_to date, p_limit integer default 25,
                                         p_offset integer default 0)
returns table (user_id text, username text, joined_at timestamptz, score numeric, activity_rank integer,
               active_members integer, total_count integer)
language plpgsql
stable
security definer
set search_path = ''
-- One hash aggregate over every member of the guild: keep it in memory (no spill to disk) and skip JIT.
set work_mem = '64MB'
set jit = off
as $$
#variable_conflict use_column
declare
  tz text := community.guild_timezone(p_guild_id);
  end_ts timestamptz;
begin
  perform private.assert_can_view_guild(p_guild_id);
  perform private.dash_check_range(p_from, p_to);
  end_ts := (p_to + 1)::timestamp at time zone tz;
  return query
  -- The cut-off score of the top 10% (the score at rank ceil(10% × active)); ranks are computed over the
  -- members at or above it only (everyone who outranks them is in that slice too), then joined to members.
  with s as materialized (
    select d.user_id, sum(d.score_milli) as score
      from community.member_daily d
     where d.guild_id = p_guild_id and d.day between p_from and p_to
     group by d.user_id
    having sum(d.score_milli) > 0
  ), k as (
    select count(*)::integer as n from s
  ), cut as (
    select x.score from s x order by x.score desc offset greatest((select ceil(k.n * 0.10)::integer - 1 from k), 0) limit 1
  ), r as (
    select s.user_id, s.score, rank() over (order by s.score desc)::integer as rnk, k.n
      from s cross join k
     where s.score >= (select cut.score from cut)
  ), v as (
    select r.*, m.username, m.joined_at, count(*) over ()::integer as total
      from r
      join discord.members m on m.guild_id = p_guild_id and m.user_id = r.user_id
     where m.joined_at >= end_ts - interval '30 days' and m.joined_at < end_ts
  )
  select v.user_id, v.username, v.joined_at, round(v.score / 1000.0, 3), v.rnk, v.n, v.total
    from v
   order by v.rnk, v.user_id
   limit private.dash_clamp(p_limit, 1, 10000) offset greatest(coalesce(p_offset, 0), 0);
end;
$$;
revoke execute on function public.dash_star_scouter(text, date, date, integer, integer) from public, anon;
grant execute on function public.dash_star_scouter(text, date, date, integer, integer) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- Guild totals per local day (zeros filled), for the campaign chart.
create function public.dash_daily_scores(p_guild_id text, p_from date, p_to date)
returns table (day date, score numeric, messages integer, reactions integer, active_members integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  perform private.assert_can_view_guild(p_guild_id);
  perform private.dash_check_range(p_from, p_to);
  return query
  select g.day::date, coalesce(d.score, 0), coalesce(d.messages, 0), coalesce(d.reactions, 0), coalesce(d.active_members, 0)
    from generate_series(p_from, p_to, interval '1 day') as g(day)
    left join community.guild_daily d on d.guild_id = p_guild_id and d.day = g.day::date
   order by 1;
end;
$$;
revoke execute on function public.dash_daily_scores(text, date, date) from public, anon;
grant execute on function public.dash_daily_scores(text, date, date) to authenticated;

-- Every campaign of a guild with its lift: total score during the campaign (up to yesterday while it
-- runs) vs the same number of days just before it; lift_pct null when the baseline had no activity or the
-- campaign has not started. Average daily active members for both periods.
create function public.dash_campaigns(p_guild_id text)
returns table (id bigint, name text, starts_on date, ends_on date, measured_days integer, during_score numeric,
               baseline_score numeric, lift_pct numeric, during_active numeric, baseline_active numeric,
               status text, created_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  today date;
begin
  perform private.assert_can_view_guild(p_guild_id);
  today := (now() at time zone community.guild_timezone(p_guild_id))::date;
  return query
  with c as (
    select k.*, least(k.ends_on, today - 1) as eff_end
      from public.guild_campaigns k where k.guild_id = p_guild_id
  ), m as (
    select c.id, c.eff_end - c.starts_on + 1 as n from c
  )
  select c.id, c.name, c.starts_on, c.ends_on, greatest(m.n, 0),
         x.during, x.baseline,
         case when m.n > 0 and x.baseline > 0 then round((x.during - x.baseline) * 100 / x.baseline, 1) end,
         x.during_active, x.baseline_active,
         case when c.starts_on >= today then 'upcoming' when c.ends_on >= today then 'running' else 'ended' end,
         c.created_at
    from c
    join m on m.id = c.id
    cross join lateral (
      select coalesce(sum(d.score) filter (where d.day >= c.starts_on), 0) as during,
             coalesce(sum(d.score) filter (where d.day < c.starts_on), 0) as baseline,
             round(coalesce(sum(d.active_members) filter (where d.day >= c.starts_on), 0)::numeric / greatest(m.n, 1), 1) as during_active,
             round(coalesce(sum(d.active_members) filter (where d.day < c.starts_on), 0)::numeric / greatest(m.n, 1), 1) as baseline_active
        from community.guild_daily d
       where m.n > 0 and d.guild_id = p_guild_id and d.day between c.starts_on - m.n and c.eff_end
    ) x
   order by c.starts_on desc, c.id desc;
end;
$$;
revoke execute on function public.dash_campaigns(text) from public, anon;
grant execute on function public.dash_campaigns(text) to authenticated;
