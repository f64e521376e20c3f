-- Admin console, part 1: settings (AI billing cycle), the AI cost ledger read/write API, the live log
-- stream, user search and detail, and an audit entry for actions that live outside the database (cache
-- flush). Every function checks private.is_admin() itself and writes public.admin_audit_log for changes.

-- ---------------------------------------------------------------------------------------------------
-- settings: one row
-- ---------------------------------------------------------------------------------------------------
create table private.admin_settings (
  id boolean primary key default true constraint admin_settings_singleton check (id),
  ai_cycle_start_day integer not null default 1
    constraint admin_settings_cycle_day check (ai_cycle_start_day between 1 and 28),
  updated_at timestamptz not null default now()
);
comment on column private.admin_settings.ai_cycle_start_day is
  'Day of the month (UTC, 1–28) on which the AI billing cycle starts; budgets and hard limits apply per cycle.';
insert into private.admin_settings (id) values (true);
revoke all on private.admin_settings from public, anon, authenticated;
grant select, insert, update on private.admin_settings to service_role;

-- Start of the AI billing cycle containing p_at (UTC): the latest cycle-start day at or before p_at.
create function private.ai_cycle_start(p_at timestamptz) returns timestamptz
language sql
stable
security definer
set search_path = ''
as $$
  with d as (select s.ai_cycle_start_day as day from private.admin_settings s where s.id),
       m as (select date_trunc('month', p_at at time zone 'utc') as month_start, d.day from d)
  select (case when (m.month_start + make_interval(days => m.day - 1)) <= (p_at at time zone 'utc')
               then m.month_start + make_interval(days => m.day - 1)
               else m.month_start - interval '1 month' + make_interval(days => m.day - 1) end) at time zone 'utc'
    from m
$$;
revoke execute on function private.ai_cycle_start(timestamptz) from public, anon;
grant execute on function private.ai_cycle_start(timestamptz) to authenticated, service_role;

-- The hard limit (discord.ai_reserve) now counts spend in the configured billing cycle, not the calendar
-- month; with the default start day 1 the two are the same.
create or replace function discord.ai_month_spend(p_guild_id text) returns numeric
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(sum(u.cost_usd), 0)
    from discord.ai_usage u
   where u.guild_id = p_guild_id and u.status in ('pending', 'completed')
     and u.created_at >= private.ai_cycle_start(now())
$$;
revoke execute on function discord.ai_month_spend(text) from public, anon, authenticated;
grant execute on function discord.ai_month_spend(text) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- audit entry for an action performed outside SQL (e.g. flushing in-memory caches)
-- ---------------------------------------------------------------------------------------------------
create function public.admin_record_action(action text, reason text, before jsonb, after jsonb) returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  new_id bigint;
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can do that' using errcode = 'CO403';
  end if;
  if action is null or action not in ('cache.flush') then
    raise exception 'Unknown admin action %', action using errcode = 'CO422';
  end if;
  if reason is null or char_length(btrim(reason)) < 3 then
    raise exception 'A reason of at least 3 characters is required' using errcode = 'CO422';
  end if;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values ((select auth.uid()), admin_record_action.action, null, btrim(admin_record_action.reason),
          admin_record_action.before, admin_record_action.after)
  returning id into new_id;
  return new_id;
end;
$$;
revoke execute on function public.admin_record_action(text, text, jsonb, jsonb) from public, anon;
grant execute on function public.admin_record_action(text, text, jsonb, jsonb) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- AI cost ledger
-- ---------------------------------------------------------------------------------------------------
create function public.admin_ai_cycle(at_time timestamptz default now())
returns table (start_day integer, cycle_start timestamptz, cycle_end timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s timestamptz;
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read AI costs' using errcode = 'CO403';
  end if;
  s := private.ai_cycle_start(coalesce(at_time, now()));
  return query
    select x.ai_cycle_start_day, s, ((s at time zone 'utc') + interval '1 month') at time zone 'utc'
      from private.admin_settings x where x.id;
end;
$$;
revoke execute on function public.admin_ai_cycle(timestamptz) from public, anon;
grant execute on function public.admin_ai_cycle(timestamptz) to authenticated;

-- Spend between two instants, grouped by guild, command and model (pending estimates included: they hold
-- budget until settled, exactly as the hard limit counts them).
create function public.admin_ai_costs(from_time timestamptz, to_time timestamptz)
returns table (guild_id text, command text, model text, requests bigint, refused bigint, failed bigint,
               input_tokens bigint, output_tokens bigint, cost_usd numeric)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read AI costs' using errcode = 'CO403';
  end if;
  if from_time is null or to_time is null or to_time <= from_time then
    raise exception 'The range must end after it starts' using errcode = 'CO422';
  end if;
  return query
    select u.guild_id, u.command, u.model,
           count(*) filter (where u.status in ('pending', 'completed')),
           count(*) filter (where u.status = 'refused'),
           count(*) filter (where u.status = 'failed'),
           coalesce(sum(u.input_tokens), 0)::bigint, coalesce(sum(u.output_tokens), 0)::bigint,
           coalesce(sum(u.cost_usd) filter (where u.status in ('pending', 'completed')), 0)
      from discord.ai_usage u
     where u.created_at >= from_time and u.created_at < to_time
     group by u.guild_id, u.command, u.model
     order by 9 desc, 1, 2, 3;
end;
$$;
revoke execute on function public.admin_ai_costs(timestamptz, timestamptz) from public, anon;
grant execute on function public.admin_ai_costs(timestamptz, timestamptz) to authenticated;

create function public.admin_ai_daily(from_time timestamptz, to_time timestamptz)
returns table (day date, cost_usd numeric, requests bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read AI costs' using errcode = 'CO403';
  end if;
  if from_time is null or to_time is null or to_time <= from_time or to_time - from_time > interval '400 days' then
    raise exception 'The range must end after it starts and span at most 400 days' using errcode = 'CO422';
  end if;
  return query
    select d.day::date,
           coalesce(sum(u.cost_usd) filter (where u.status in ('pending', 'completed')), 0),
           count(u.id) filter (where u.status in ('pending', 'completed'))
      from generate_series((from_time at time zone 'utc')::date, ((to_time - interval '1 microsecond') at time zone 'utc')::date,
                           interval '1 day') as d(day)
      left join discord.ai_usage u
        on (u.created_at at time zone 'utc')::date = d.day::date
       and u.created_at >= from_time and u.created_at < to_time
     group by d.day
     order by d.day;
end;
$$;
revoke execute on function public.admin_ai_daily(timestamptz, timestamptz) from public, anon;
grant execute on function public.admin_ai_daily(timestamptz, timestamptz) to authenticated;

-- Every known guild with its budget, hard limit and spend in the current cycle.
create function public.admin_ai_budgets()
returns table (guild_id text, budget_usd numeric, hard_limit_usd numeric, cycle_spend_usd numeric)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s timestamptz := private.ai_cycle_start(now());
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read AI costs' using errcode = 'CO403';
  end if;
  return query
    select g.guild_id, g.ai_monthly_budget_usd, g.ai_hard_limit_usd,
           coalesce((select sum(u.cost_usd) from discord.ai_usage u
                      where u.guild_id = g.guild_id and u.status in ('pending', 'completed') and u.created_at >= s), 0)
      from discord.guild_settings g
     order by g.guild_id;
end;
$$;
revoke execute on function public.admin_ai_budgets() from public, anon;
grant execute on function public.admin_ai_budgets() to authenticated;

create function public.admin_set_ai_budget(target_guild text, new_budget_usd numeric, new_hard_limit_usd numeric,
                                           reason text)
returns table (guild_id text, budget_usd numeric, hard_limit_usd numeric)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  old discord.guild_settings;
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can change AI budgets' using errcode = 'CO403';
  end if;
  if reason is null or char_length(btrim(reason)) < 3 then
    raise exception 'A reason of at least 3 characters is required' using errcode = 'CO422';
  end if;
  if new_budget_usd is null or new_hard_limit_usd is null or new_budget_usd < 0
     or new_hard_limit_usd < new_budget_usd or new_hard_limit_usd > 100000 then
    raise exception 'The budget must be at least 0 and the hard limit at least the budget (at most 100000 USD)'
      using errcode = 'CO422';
  end if;
  select * into old from discord.guild_settings g where g.guild_id = target_guild for update;
  if not found then
    raise exception 'No such guild' using errcode = 'CO404';
  end if;
  update discord.guild_settings g set ai_monthly_budget_usd = new_budget_usd, ai_hard_limit_usd = new_hard_limit_usd
   where g.guild_id = target_guild;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values ((select auth.uid()), 'ai.budget', null, btrim(reason),
          jsonb_build_object('guild_id', target_guild, 'budget_usd', old.ai_monthly_budget_usd,
                             'hard_limit_usd', old.ai_hard_limit_usd),
          jsonb_build_object('guild_id', target_guild, 'budget_usd', new_budget_usd,
                             'hard_limit_usd', new_hard_limit_usd));
  return query select target_guild, new_budget_usd, new_hard_limit_usd;
end;
$$;
revoke execute on function public.admin_set_ai_budget(text, numeric, numeric, text) from public, anon;
grant execute on function public.admin_set_ai_budget(text, numeric, numeric, text) to authenticated;

create function public.admin_set_ai_cycle_day(start_day integer, reason text) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  was integer;
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can change the billing cycle' using errcode = 'CO403';
  end if;
  if start_day is null or start_day not between 1 and 28 then
    raise exception 'The cycle start day must be between 1 and 28' using errcode = 'CO422';
  end if;
  if reason is null or char_length(btrim(reason)) < 3 then
    raise exception 'A reason of at least 3 characters is required' using errcode = 'CO422';
  end if;
  select s.ai_cycle_start_day into was from private.admin_settings s where s.id for update;
  update private.admin_settings set ai_cycle_start_day = start_day, updated_at = now() where id;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values ((select auth.uid()), 'ai.cycle_day', null, btrim(reason),
          jsonb_build_object('cycle_start_day', was), jsonb_build_object('cycle_start_day', start_day));
  return start_day;
end;
$$;
revoke execute on function public.admin_set_ai_cycle_day(integer, text) from public, anon;
grant execute on function public.admin_set_ai_cycle_day(integer, text) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- log stream: rows newer than a cursor (the id), newest first, filtered
-- ---------------------------------------------------------------------------------------------------
create index app_logs_source_idx on private.app_logs (source, id desc);

create function public.admin_log_stream(after_id bigint default null, levels text[] default null,
                                        source_filter text default null, search text default null,
                                        max_rows integer default 100)
returns table (id bigint, level text, source text, message text, context jsonb, request_id text, created_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read the logs' using errcode = 'CO403';
  end if;
  if search is not null and char_length(search) > 200 then
    raise exception 'The search is too long' using errcode = 'CO422';
  end if;
  return query
    select l.id, l.level, l.source, l.message, l.context, l.request_id, l.created_at
      from private.app_logs l
     where (after_id is null or l.id > after_id)
       and (levels is null or cardinality(levels) = 0 or l.level = any (levels))
       and (source_filter is null or l.source = source_filter)
       and (search is null or l.message ilike '%' || replace(replace(replace(search, '\', '\\'), '%', '\%'), '_', '\_') || '%'
            or l.request_id = search or l.source ilike '%' || replace(replace(replace(search, '\', '\\'), '%', '\%'), '_', '\_') || '%')
     order by l.id desc
     limit least(greatest(coalesce(max_rows, 100), 1), 500);
end;
$$;
revoke execute on function public.admin_log_stream(bigint, text[], text, text, integer) from public, anon;
grant execute on function public.admin_log_stream(bigint, text[], text, text, integer) to authenticated;

-- The sources seen in the last 7 days (for the source filter).
create function public.admin_log_sources() returns table (source text, n bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read the logs' using errcode = 'CO403';
  end if;
  return query
    select l.source, count(*) from private.app_logs l
     where l.created_at > now() - interval '7 days'
     group by l.source order by l.source limit 200;
end;
$$;
revoke execute on function public.admin_log_sources() from public, anon;
grant execute on function public.admin_log_sources() to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- users: search by email, username, display name or Discord id/username; one user's detail
-- ---------------------------------------------------------------------------------------------------
create function public.admin_find_users(q text default null, role_filter text default null,
                                        page_size integer default 20, page integer default 1)
returns table (id uuid, username text, display_name text, email text, role text, is_banned boolean,
               created_at timestamptz, discord_user_id text, discord_username text, total_count bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  pat text;
  size integer := least(greatest(coalesce(page_size, 20), 1), 100);
  off integer := (greatest(coalesce(page, 1), 1) - 1) * least(greatest(coalesce(page_size, 20), 1), 100);
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can search users' using errcode = 'CO403';
  end if;
  if q is not null and btrim(q) <> '' then
    pat := '%' || replace(replace(replace(btrim(q), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  end if;
  return query
    select p.id, p.username, p.display_name, u.email::text, p.role, p.is_banned, p.created_at,
           l.discord_user_id, l.discord_username, count(*) over ()
      from public.profiles p
      left join auth.users u on u.id = p.id
      left join discord.links l on l.profile_id = p.id
     where (pat is null or p.username ilike pat or p.display_name ilike pat or u.email ilike pat
            or l.discord_user_id = btrim(q) or l.discord_username ilike pat)
       and (role_filter is null or p.role = role_filter)
     order by p.created_at desc, p.username
     limit size offset off;
end;
$$;
revoke execute on function public.admin_find_users(text, text, integer, integer) from public, anon;
grant execute on function public.admin_find_users(text, text, integer, integer) to authenticated;

