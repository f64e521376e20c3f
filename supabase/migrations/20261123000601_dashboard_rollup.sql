-- Staff dashboard rollups in each guild's own timezone. discord.score_daily is per UTC day (the bot's
-- /score and leaderboards); the dashboard needs local days (an event at 23:30 UTC is already tomorrow in
-- Tokyo), so the same Community Score (messages × weight_messages + reactions × weight_reactions, bots
-- excluded) is rolled up here per member per local day, plus one row per guild per local day. Both are
-- recomputed (never incremented) from the stored messages and reactions, so reruns and backfills are
-- idempotent, and a timezone change simply rebuilds them.

create schema if not exists community;
revoke all on schema community from public, anon, authenticated;
grant usage on schema community to service_role;

create table community.member_daily (
  guild_id text not null,
  user_id text not null,
  day date not null,
  messages integer not null default 0,
  reactions integer not null default 0,
  -- Community Score × 1000 as an integer: the dashboard sums hundreds of thousands of these per query, and
  -- integer sums are far cheaper than numeric ones. Exact for weights with up to 3 decimals.
  score_milli integer not null default 0,
  primary key (guild_id, user_id, day)
);
comment on column community.member_daily.day is 'Local day in the guild''s timezone (public.guilds.timezone, UTC when not connected).';
-- Range scans "every member over these days" read only this index.
create index member_daily_day_idx on community.member_daily (guild_id, day) include (user_id, score_milli);

create table community.guild_daily (
  guild_id text not null,
  day date not null,
  messages integer not null default 0,
  reactions integer not null default 0,
  score numeric(16, 3) not null default 0,
  active_members integer not null default 0,
  primary key (guild_id, day)
);

revoke all on all tables in schema community from public, anon, authenticated;
grant select, insert, update, delete on all tables in schema community to service_role;

-- Discord ticket dashboards filter by guild and opening time.
create index if not exists tickets_guild_created_idx on discord.tickets (guild_id, created_at);
create index if not exists tickets_guild_resolved_idx on discord.tickets (guild_id, resolved_at) where resolved_at is not null;

create function community.guild_timezone(p_guild_id text) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select g.timezone from public.guilds g where g.guild_id = p_guild_id), 'UTC')
$$;
revoke execute on function community.guild_timezone(text) from public, anon, authenticated;
grant execute on function community.guild_timezone(text) to service_role;

-- Recomputes the local-day rows of one guild from the local day containing p_since (null: everything).
-- Returns the number of member-day rows written. One rollup per guild at a time.
create function community.rollup_local(p_guild_id text, p_since timestamptz)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  tz text := community.guild_timezone(p_guild_id);
  from_day date;
  from_ts timestamptz;
  wm numeric;
  wr numeric;
  n integer;
begin
  perform pg_advisory_xact_lock(hashtextextended('community.rollup:' || p_guild_id, 0));
  select s.weight_messages, s.weight_reactions into wm, wr from discord.guild_settings s where s.guild_id = p_guild_id;
  wm := coalesce(wm, 1);
  wr := coalesce(wr, 0.5);
  if p_since is null then
    from_day := '0001-01-01'::date;
    from_ts := '-infinity'::timestamptz;
  else
    from_day := (p_since at time zone tz)::date;
    from_ts := from_day::timestamp at time zone tz;
  end if;
  delete from community.member_daily d where d.guild_id = p_guild_id and d.day >= from_day;
  delete from community.guild_daily d where d.guild_id = p_guild_id and d.day >= from_day;
  insert into community.member_daily (guild_id, user_id, day, messages, reactions, score_milli)
  select p_guild_id, x.user_id, x.day, sum(x.m)::integer, sum(x.r)::integer, round((sum(x.m) * wm + sum(x.r) * wr) * 1000)::integer
    from (
      select m.author_id as user_id, (m.created_at at time zone tz)::date as day, 1 as m, 0 as r
        from discord.messages m
       where m.guild_id = p_guild_id and not m.is_bot and m.created_at >= from_ts
      union all
      select r.user_id, (r.reacted_at at time zone tz)::date, 0, 1
        from discord.reactions r
       where r.guild_id = p_guild_id and r.reacted_at >= from_ts
    ) x
   group by x.user_id, x.day;
  get diagnostics n = row_count;
  insert into community.guild_daily (guild_id, day, messages, reactions, score, active_members)
  select p_guild_id, d.day, sum(d.messages)::integer, sum(d.reactions)::integer, round(sum(d.score_milli) / 1000.0, 3),
         count(*)::integer
    from community.member_daily d
   where d.guild_id = p_guild_id and d.day >= from_day
   group by d.day;
  return n;
end;
$$;
revoke execute on function community.rollup_local(text, timestamptz) from public, anon, authenticated;
grant execute on function community.rollup_local(text, timestamptz) to service_role;

-- The poller's UTC rollup now also refreshes the local-day rollup from the same point in time, so both
-- stay in step without a second job. (Body as in 20261123000502, plus the last perform.)
create or replace function discord.rollup_scores(p_guild_id text, p_from date)
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
  perform community.rollup_local(p_guild_id, p_from::timestamp at time zone 'utc');
  return n;
end;
$$;
revoke execute on function discord.rollup_scores(text, date) from public, anon, authenticated;
grant execute on function discord.rollup_scores(text, date) to service_role;
