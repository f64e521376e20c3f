-- Staff dashboard, tickets: counts and timings of the tickets opened in a range (local days of the
-- guild's timezone), opened/resolved per day, a per-staff table, a filtered list, and one ticket's
-- transcript (the messages of its channel, stored by the poller) with its event timeline. Staff are the
-- actors of claim/resolve/close events who are not the ticket's opener.

create function public.dash_ticket_stats(p_guild_id text, p_from date, p_to date)
returns table (total integer, open integer, in_progress integer, resolved integer,
               median_first_response_seconds integer, median_resolution_seconds integer, unanswered integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  tz text := community.guild_timezone(p_guild_id);
begin
  perform private.assert_can_view_guild(p_guild_id);
  perform private.dash_check_range(p_from, p_to);
  return query
  select count(*)::integer,
         count(*) filter (where t.state = 'open')::integer,
         count(*) filter (where t.state = 'in_progress')::integer,
         count(*) filter (where t.state = 'resolved')::integer,
         (percentile_cont(0.5) within group (order by extract(epoch from t.first_response_at - t.created_at)))::integer,
         (percentile_cont(0.5) within group (order by extract(epoch from t.resolved_at - t.created_at)))::integer,
         count(*) filter (where t.first_response_at is null and t.state <> 'resolved')::integer
    from discord.tickets t
   where t.guild_id = p_guild_id
     and t.created_at >= (p_from::timestamp at time zone tz) and t.created_at < ((p_to + 1)::timestamp at time zone tz);
end;
$$;
revoke execute on function public.dash_ticket_stats(text, date, date) from public, anon;
grant execute on function public.dash_ticket_stats(text, date, date) to authenticated;

create function public.dash_ticket_daily(p_guild_id text, p_from date, p_to date)
returns table (day date, opened integer, resolved integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  tz text := community.guild_timezone(p_guild_id);
  from_ts timestamptz;
  to_ts timestamptz;
begin
  perform private.assert_can_view_guild(p_guild_id);
  perform private.dash_check_range(p_from, p_to);
  from_ts := p_from::timestamp at time zone tz;
  to_ts := (p_to + 1)::timestamp at time zone tz;
  return query
  with o as (
    select (t.created_at at time zone tz)::date as day, count(*)::integer as n
      from discord.tickets t
     where t.guild_id = p_guild_id and t.created_at >= from_ts and t.created_at < to_ts
     group by 1
  ), r as (
    select (e.at at time zone tz)::date as day, count(*)::integer as n
      from discord.tickets t join discord.ticket_events e on e.ticket_id = t.id
     where t.guild_id = p_guild_id and e.to_state = 'resolved' and e.at >= from_ts and e.at < to_ts
     group by 1
  )
  select g.day::date, coalesce(o.n, 0), coalesce(r.n, 0)
    from generate_series(p_from, p_to, interval '1 day') as g(day)
    left join o on o.day = g.day::date
    left join r on r.day = g.day::date
   order by 1;
end;
$$;
revoke execute on function public.dash_ticket_daily(text, date, date) from public, anon;
grant execute on function public.dash_ticket_daily(text, date, date) to authenticated;

create function public.dash_ticket_staff(p_guild_id text, p_from date, p_to date)
returns table (staff_id text, username text, claimed integer, resolved integer, median_first_response_seconds integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  tz text := community.guild_timezone(p_guild_id);
  from_ts timestamptz;
  to_ts timestamptz;
begin
  perform private.assert_can_view_guild(p_guild_id);
  perform private.dash_check_range(p_from, p_to);
  from_ts := p_from::timestamp at time zone tz;
  to_ts := (p_to + 1)::timestamp at time zone tz;
  return query
  with ev as (
    select e.actor_id, e.action, t.id as ticket_id
      from discord.tickets t join discord.ticket_events e on e.ticket_id = t.id
     where t.guild_id = p_guild_id and e.at >= from_ts and e.at < to_ts
       and e.action in ('claim', 'resolve', 'close') and e.actor_id <> t.opener_id
  ), per as (
    select ev.actor_id, count(*) filter (where ev.action = 'claim')::integer as claimed,
           count(*) filter (where ev.action in ('resolve', 'close'))::integer as resolved
      from ev group by ev.actor_id
  ), fr as (
    select t.assignee_id,
           (percentile_cont(0.5) within group (order by extract(epoch from t.first_response_at - t.created_at)))::integer as med
      from discord.tickets t
     where t.guild_id = p_guild_id and t.created_at >= from_ts and t.created_at < to_ts and t.assignee_id is not null
     group by t.assignee_id
  )
  select per.actor_id, coalesce(m.username, per.actor_id), per.claimed, per.resolved, fr.med
    from per
    left join fr on fr.assignee_id = per.actor_id
    left join discord.members m on m.guild_id = p_guild_id and m.user_id = per.actor_id
   order by per.resolved desc, per.claimed desc, per.actor_id;
end;
$$;
revoke execute on function public.dash_ticket_staff(text, date, date) from public, anon;
grant execute on function public.dash_ticket_staff(text, date, date) to authenticated;

create function public.dash_tickets(p_guild_id text, p_from date, p_to date, p_state text default null,
                                    p_limit integer default 25, p_offset integer default 0)
returns table (id bigint, number integer, subject text, state text, opener_id text, opener_name text,
               assignee_id text, assignee_name text, created_at timestamptz, first_response_seconds integer,
               resolution_seconds integer, total_count integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  tz text := community.guild_timezone(p_guild_id);
begin
  perform private.assert_can_view_guild(p_guild_id);
  perform private.dash_check_range(p_from, p_to);
  if p_state is not null and p_state not in ('open', 'in_progress', 'resolved') then
    raise exception 'State must be open, in_progress or resolved' using errcode = 'CO422';
  end if;
  return query
  with l as (
    select t.*, count(*) over ()::integer as total
      from discord.tickets t
     where t.guild_id = p_guild_id
       and t.created_at >= (p_from::timestamp at time zone tz) and t.created_at < ((p_to + 1)::timestamp at time zone tz)
       and (p_state is null or t.state = p_state)
     order by t.created_at desc, t.id desc
     limit private.dash_clamp(p_limit, 1, 10000) offset greatest(coalesce(p_offset, 0), 0)
  )
  select l.id, l.number, l.subject, l.state, l.opener_id, coalesce(o.username, l.opener_id), l.assignee_id,
         coalesce(a.username, l.assignee_id), l.created_at,
         extract(epoch from l.first_response_at - l.created_at)::integer,
         extract(epoch from l.resolved_at - l.created_at)::integer, l.total
    from l
    left join discord.members o on o.guild_id = p_guild_id and o.user_id = l.opener_id
    left join discord.members a on a.guild_id = p_guild_id and a.user_id = l.assignee_id
   order by l.created_at desc, l.id desc;
end;
$$;
revoke execute on function public.dash_tickets(text, date, date, text, integer, integer) from public, anon;
grant execute on function public.dash_tickets(text, date, date, text, integer, integer) to authenticated;

-- One ticket: its row, the event timeline and the transcript (at most the latest 1,000 messages).
create function public.dash_ticket_detail(p_ticket_id bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  t discord.tickets;
begin
  select * into t from discord.tickets k where k.id = p_ticket_id;
  if not found then
    if (select auth.uid()) is null then
      raise exception 'Sign in to continue' using errcode = 'CO401';
    end if;
    raise exception 'No such ticket' using errcode = 'CO404';
  end if;
  perform private.assert_can_view_guild(t.guild_id);
  return jsonb_build_object(
    'ticket', jsonb_build_object(
      'id', t.id, 'guildId', t.guild_id, 'number', t.number, 'subject', t.subject, 'description', t.description,
      'state', t.state, 'openerId', t.opener_id,
      'openerName', coalesce((select m.username from discord.members m where m.guild_id = t.guild_id and m.user_id = t.opener_id), t.opener_id),
      'assigneeId', t.assignee_id,
      'assigneeName', (select m.username from discord.members m where m.guild_id = t.guild_id and m.user_id = t.assignee_id),
      'createdAt', t.created_at, 'firstResponseAt', t.first_response_at, 'resolvedAt', t.resolved_at),
    'events', coalesce((
      select jsonb_agg(jsonb_build_object('id', e.id, 'action', e.action, 'fromState', e.from_state, 'toState', e.to_state,
                                          'actorId', e.actor_id,
                                          'actorName', coalesce(m.username, e.actor_id), 'at', e.at) order by e.id)
        from discord.ticket_events e
        left join discord.members m on m.guild_id = t.guild_id and m.user_id = e.actor_id
       where e.ticket_id = t.id), '[]'::jsonb),
    'messages', coalesce((
      select jsonb_agg(jsonb_build_object('id', x.id, 'authorId', x.author_id, 'authorName', x.author_username,
                                          'isBot', x.is_bot, 'content', x.content, 'at', x.created_at) order by x.created_at, x.id)
        from (select * from discord.messages msg
               where t.channel_id is not null and msg.channel_id = t.channel_id
               order by msg.created_at desc, msg.id desc limit 1000) x), '[]'::jsonb));
end;
$$;
revoke execute on function public.dash_ticket_detail(bigint) from public, anon;
grant execute on function public.dash_ticket_detail(bigint) to authenticated;
