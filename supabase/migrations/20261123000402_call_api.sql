-- Paid 1-on-1 calls, part 3: what signed-in users call (EXECUTE granted to authenticated; the caller is
-- auth.uid()). Every function that touches a call takes its row lock before reading the clock.

-- ---------------------------------------------------------------------------------------------------
-- helpers
-- ---------------------------------------------------------------------------------------------------
create function private.require_active_user() returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
begin
  if v_uid is null then
    raise exception 'Sign in first' using errcode = 'CO401';
  end if;
  if not exists (select 1 from public.profiles p where p.id = v_uid and not p.is_banned) then
    raise exception 'This account is suspended' using errcode = 'CO403';
  end if;
  return v_uid;
end;
$$;

-- The caller's call, locked; CO404 when there is no such call, CO403 when the caller is not one of its two participants.
create function private.lock_own_call(p_call_id uuid, p_uid uuid) returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_call public.calls;
begin
  select c.* into v_call from public.calls c where c.id = p_call_id for update;
  if v_call.id is null then
    raise exception 'Call not found' using errcode = 'CO404';
  end if;
  if p_uid not in (v_call.fan_id, v_call.creator_id) then
    raise exception 'Only the two participants can do this' using errcode = 'CO403';
  end if;
  return v_call;
end;
$$;

create function private.wallet_balance(p_user uuid) returns bigint
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(sum(a.balance) filter (where not a.flagged), 0)::bigint
    from ledger.accounts a where a.kind = 'fan_wallet' and a.owner_id = p_user
$$;

-- The rate a fan pays for a kind of call with a creator who takes calls (shared by booking and requesting):
-- CO422 for calling oneself or a kind not offered, CO404 when the creator does not take calls, CO402 when
-- the caller's wallet cannot pay one minute.
create function private.call_terms(p_creator uuid, p_kind text, p_caller uuid,
  out settings public.call_settings, out rate integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_balance bigint;
begin
  if p_creator = p_caller then
    raise exception 'You cannot call or book yourself' using errcode = 'CO422';
  end if;
  select s.* into settings from public.call_settings s
    join public.profiles p on p.id = s.creator_id and p.role = 'creator' and not p.is_banned
   where s.creator_id = p_creator;
  if settings.creator_id is null then
    raise exception 'This creator does not take calls' using errcode = 'CO404';
  end if;
  rate := case p_kind when 'video' then settings.video_rate when 'voice' then settings.voice_rate end;
  if rate is null then
    raise exception 'This creator does not offer % calls', coalesce(p_kind, 'these') using errcode = 'CO422';
  end if;
  v_balance := private.wallet_balance(p_caller);
  if v_balance < rate then
    raise exception 'Insufficient tokens: a minute costs %, your balance is %', rate, v_balance using errcode = 'CO402';
  end if;
end;
$$;

-- A participant is present at p_now (heartbeat); p_joining also records their first join.
create function private.mark_call_seen(p_call public.calls, p_uid uuid, p_now timestamptz, p_joining boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_uid = p_call.fan_id then
    update public.calls c
       set fan_seen_at = p_now,
           fan_joined_at = case when p_joining then coalesce(c.fan_joined_at, p_now) else c.fan_joined_at end
     where c.id = p_call.id;
  else
    update public.calls c
       set creator_seen_at = p_now,
           creator_joined_at = case when p_joining then coalesce(c.creator_joined_at, p_now) else c.creator_joined_at end
     where c.id = p_call.id;
  end if;
end;
$$;

revoke all on function private.require_active_user(), private.lock_own_call(uuid, uuid), private.wallet_balance(uuid),
  private.call_terms(uuid, text, uuid), private.mark_call_seen(public.calls, uuid, timestamptz, boolean)
  from public, anon;
-- Only the functions below (running as the owner) call these.
grant execute on function private.require_active_user(), private.lock_own_call(uuid, uuid), private.wallet_balance(uuid),
  private.call_terms(uuid, text, uuid), private.mark_call_seen(public.calls, uuid, timestamptz, boolean)
  to service_role;

-- ---------------------------------------------------------------------------------------------------
-- creator settings and availability
-- ---------------------------------------------------------------------------------------------------
create function public.set_call_settings(video_rate integer, voice_rate integer, available_now boolean,
  timezone text, slot_minutes integer default 30, request_timeout_seconds integer default 120)
returns public.call_settings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_row public.call_settings;
begin
  if (select p.role from public.profiles p where p.id = v_uid) <> 'creator' then
    raise exception 'Only creators take paid calls' using errcode = 'CO403';
  end if;
  if timezone is null or not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = set_call_settings.timezone) then
    raise exception 'Unknown time zone: %', coalesce(timezone, 'none') using errcode = 'CO422';
  end if;
  if available_now and video_rate is null and voice_rate is null then
    raise exception 'Set a video or voice rate before going available' using errcode = 'CO422';
  end if;
  insert into public.call_settings as s
    (creator_id, video_rate, voice_rate, available_now, timezone, slot_minutes, request_timeout_seconds)
  values (v_uid, video_rate, voice_rate, coalesce(available_now, false), timezone, coalesce(slot_minutes, 30),
          coalesce(request_timeout_seconds, 120))
  on conflict (creator_id) do update
    set video_rate = excluded.video_rate, voice_rate = excluded.voice_rate, available_now = excluded.available_now,
        timezone = excluded.timezone, slot_minutes = excluded.slot_minutes,
        request_timeout_seconds = excluded.request_timeout_seconds, updated_at = now()
  returning s.* into v_row;
  return v_row;
end;
$$;

-- Replaces the caller's weekly availability: slots is a JSON array of {weekday 0–6, start "HH:MM",
-- end "HH:MM"} in the creator's time zone; windows on one day may not overlap.
create function public.set_call_availability(slots jsonb) returns setof public.availability_slots
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
begin
  if (select p.role from public.profiles p where p.id = v_uid) <> 'creator' then
    raise exception 'Only creators take paid calls' using errcode = 'CO403';
  end if;
  if slots is null or jsonb_typeof(slots) <> 'array' or jsonb_array_length(slots) > 50 then
    raise exception 'Send at most 50 availability windows as a list' using errcode = 'CO422';
  end if;
  if exists (
    select 1 from jsonb_array_elements(slots) e
     where jsonb_typeof(e) <> 'object'
        or coalesce(e ->> 'weekday', '') !~ '^[0-6]$'
        or coalesce(e ->> 'start', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
        or coalesce(e ->> 'end', '') !~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
        or (e ->> 'start')::time >= (e ->> 'end')::time and e ->> 'end' <> '24:00') then
    raise exception 'Each window needs a weekday 0–6 and a start before its end (HH:MM)' using errcode = 'CO422';
  end if;
  delete from public.availability_slots s where s.creator_id = v_uid;
  insert into public.availability_slots (creator_id, weekday, start_time, end_time)
  select v_uid, (e ->> 'weekday')::smallint, (e ->> 'start')::time,
         case when e ->> 'end' = '24:00' then time '23:59:59' else (e ->> 'end')::time end
    from jsonb_array_elements(slots) e;
  if exists (
    select 1 from public.availability_slots a join public.availability_slots b
      on a.creator_id = b.creator_id and a.weekday = b.weekday and a.id < b.id
     where a.creator_id = v_uid and a.start_time < b.end_time and b.start_time < a.end_time) then
    raise exception 'Two availability windows on the same day overlap' using errcode = 'CO422';
  end if;
  return query select s.* from public.availability_slots s where s.creator_id = v_uid order by s.weekday, s.start_time;
end;
$$;

-- Bookable slot starts of a creator for the next p_days days (UTC instants; the page shows them in the
-- viewer's zone), with whether each is taken. No personal data: anonymous visitors may call it.
create function public.call_slots(creator_id uuid, days integer default 14)
returns table (starts_at timestamptz, ends_at timestamptz, booked boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_set public.call_settings;
begin
  select s.* into v_set from public.call_settings s where s.creator_id = call_slots.creator_id;
  if v_set.creator_id is null then
    return;
  end if;
  return query
    with days as (
      select (timezone(v_set.timezone, now())::date + g) as day
        from generate_series(0, least(greatest(coalesce(call_slots.days, 14), 1), 60)) g
    ),
    starts as (
      select timezone(v_set.timezone, d.day + a.start_time + make_interval(mins => v_set.slot_minutes * n)) as starts_at
        from days d
        join public.availability_slots a on a.creator_id = call_slots.creator_id and a.weekday = extract(dow from d.day)
        cross join lateral generate_series(0,
          (floor(extract(epoch from (a.end_time - a.start_time)) / 60 / v_set.slot_minutes))::integer - 1) n
    )
    select s.starts_at, s.starts_at + make_interval(mins => v_set.slot_minutes),
           exists (select 1 from public.call_bookings b where b.creator_id = call_slots.creator_id
                    and b.starts_at = s.starts_at and b.status = 'booked')
      from starts s
     where s.starts_at > now() + interval '5 minutes'
     order by s.starts_at;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- bookings
-- ---------------------------------------------------------------------------------------------------
create function public.book_call(creator_id uuid, starts_at timestamptz, kind text) returns public.call_bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_slot record;
  v_row public.call_bookings;
begin
  perform private.call_terms(book_call.creator_id, book_call.kind, v_uid);
  select s.* into v_slot from public.call_slots(book_call.creator_id, 60) s where s.starts_at = book_call.starts_at;
  if v_slot.starts_at is null then
    raise exception 'That time is not one of the creator''s open slots' using errcode = 'CO422';
  end if;
  begin
    insert into public.call_bookings (creator_id, fan_id, kind, starts_at, ends_at)
    values (book_call.creator_id, v_uid, kind, v_slot.starts_at, v_slot.ends_at)
    returning * into v_row;
  exception when unique_violation then
    raise exception 'That slot has just been booked by someone else' using errcode = 'CO409';
  end;
  return v_row;
end;
$$;

create function public.cancel_booking(booking_id uuid) returns public.call_bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_row public.call_bookings;
begin
  select b.* into v_row from public.call_bookings b where b.id = booking_id for update;
  if v_row.id is null or v_uid not in (v_row.fan_id, v_row.creator_id) then
    raise exception 'Booking not found' using errcode = 'CO404';
  end if;
  if v_row.status <> 'booked' then
    raise exception 'This booking is already %', v_row.status using errcode = 'CO409';
  end if;
  update public.call_bookings b set status = 'cancelled', cancelled_by = v_uid where b.id = booking_id
  returning b.* into v_row;
  return v_row;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- the call state machine
-- ---------------------------------------------------------------------------------------------------
-- requested → accepted | declined | expired | cancelled; accepted → connected (both joined) | ended;
-- connected → ended. A fan has at most one open call, a creator at most one accepted or connected call.
create function public.request_call(creator_id uuid, kind text, booking_id uuid default null) returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_set public.call_settings;
  v_rate integer;
  v_booking public.call_bookings;
  v_terms record;
  v_row public.calls;
begin
  select t.* into v_terms from private.call_terms(request_call.creator_id, request_call.kind, v_uid) t;
  v_set := v_terms.settings;
  v_rate := v_terms.rate;
  if booking_id is not null then
    select b.* into v_booking from public.call_bookings b where b.id = booking_id;
    if v_booking.id is null or v_booking.fan_id <> v_uid or v_booking.creator_id <> request_call.creator_id then
      raise exception 'Booking not found' using errcode = 'CO404';
    end if;
    if v_booking.status <> 'booked' or now() < v_booking.starts_at - interval '5 minutes' or now() > v_booking.ends_at then
      raise exception 'This booking can be started from 5 minutes before its start until its end' using errcode = 'CO409';
    end if;
  elsif not v_set.available_now then
    raise exception 'This creator is not taking calls right now — book a slot instead' using errcode = 'CO409';
  end if;
  begin
    insert into public.calls (fan_id, creator_id, kind, rate, booking_id, expires_at)
    values (v_uid, request_call.creator_id, kind, v_rate, request_call.booking_id,
            now() + make_interval(secs => v_set.request_timeout_seconds))
    returning * into v_row;
  exception when unique_violation then
    raise exception 'You already have a call in progress' using errcode = 'CO409';
  end;
  return v_row;
end;
$$;

create function public.answer_call(call_id uuid, accept boolean) returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_call public.calls := private.lock_own_call(call_id, v_uid);
begin
  if v_call.creator_id <> v_uid then
    raise exception 'Only the creator answers a call request' using errcode = 'CO403';
  end if;
  if v_call.status = 'requested' and clock_timestamp() >= v_call.expires_at then
    raise exception 'This request has expired' using errcode = 'CO409'; -- the sweep marks it expired
  end if;
  if v_call.status <> 'requested' then
    raise exception 'This call is already %', v_call.status using errcode = 'CO409';
  end if;
  begin
    update public.calls c
       set status = case when accept then 'accepted' else 'declined' end, answered_at = clock_timestamp()
     where c.id = call_id
    returning c.* into v_call;
  exception when unique_violation then
    raise exception 'Finish your current call before accepting another' using errcode = 'CO409';
  end;
  if accept and v_call.booking_id is not null then
    update public.call_bookings b set status = 'completed' where b.id = v_call.booking_id;
  end if;
  return v_call;
end;
$$;

-- A participant's client joined the media channel. When both have, the billing clock starts.
create function public.join_call(call_id uuid) returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_call public.calls := private.lock_own_call(call_id, v_uid);
  v_now timestamptz := clock_timestamp();
begin
  if v_call.status not in ('accepted', 'connected') then
    raise exception 'This call is %', v_call.status using errcode = 'CO409';
  end if;
  perform private.mark_call_seen(v_call, v_uid, v_now, true);
  return private.call_connect(call_id, v_now);
end;
$$;

-- Every 20 s from the call page: marks the caller present and settles any minute boundary that is due.
create function public.call_heartbeat(call_id uuid) returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_call public.calls := private.lock_own_call(call_id, v_uid);
  v_now timestamptz := clock_timestamp();
begin
  if v_call.status in ('accepted', 'connected') then
    perform private.mark_call_seen(v_call, v_uid, v_now, false);
  end if;
  return private.call_settle(call_id, v_now);
end;
$$;

-- Before the media token expires: settle what is due and fund the next minute ahead (at most the current
-- and the next minute are ever held). funded = false when the wallet cannot pay the next minute.
create function public.renew_call(call_id uuid, out call_row public.calls, out funded boolean)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_now timestamptz;
  v_current integer;
  v_roll record;
begin
  call_row := private.lock_own_call(renew_call.call_id, v_uid);
  v_now := clock_timestamp();
  call_row := private.call_settle(renew_call.call_id, v_now);
  funded := call_row.status = 'accepted';
  if call_row.status <> 'connected' then
    return;
  end if;
  v_current := (private.call_seconds(call_row.connected_at, v_now) / 60)::integer;
  if call_row.held_minutes > v_current + 1 then
    funded := true;
    return;
  end if;
  select r.* into v_roll
    from ledger.roll_hold(call_row.hold_id, 0, call_row.rate::bigint, 'ahead:' || call_row.held_minutes::text,
                          jsonb_build_object('memo', private.call_memo(call_row) || ': next minute held',
                                             'call_id', call_row.id)) r;
  funded := v_roll.topped_up;
  if funded then
    update public.calls c set held_minutes = c.held_minutes + 1 where c.id = call_row.id returning c.* into call_row;
  end if;
end;
$$;

-- Either participant ends (or the fan withdraws a request, or the creator declines one). Idempotent: a
-- call that is over is returned as it is.
create function public.end_call(call_id uuid) returns public.calls
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_call public.calls := private.lock_own_call(call_id, v_uid);
begin
  if v_call.status = 'requested' then
    update public.calls c
       set status = case when v_uid = c.fan_id then 'cancelled' else 'declined' end, answered_at = clock_timestamp()
     where c.id = call_id returning c.* into v_call;
    return v_call;
  end if;
  if v_call.status in ('accepted', 'connected') then
    return private.call_end(call_id, clock_timestamp(),
      case when v_uid = v_call.fan_id then 'fan_ended' else 'creator_ended' end, v_uid);
  end if;
  return v_call;
end;
$$;

-- What the call screen shows: the call, the database time, how far the held minutes reach, and how many
-- more minutes the fan's wallet can fund at this rate.
create function public.call_state(call_id uuid)
returns table (call jsonb, server_now timestamptz, funded_until timestamptz, wallet_minutes bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_call public.calls;
begin
  select c.* into v_call from public.calls c where c.id = call_state.call_id;
  if v_call.id is null then
    raise exception 'Call not found' using errcode = 'CO404';
  end if;
  if v_uid not in (v_call.fan_id, v_call.creator_id) then
    raise exception 'Only the two participants can see this call' using errcode = 'CO403';
  end if;
  return query select to_jsonb(v_call), clock_timestamp(),
    case when v_call.status = 'connected' then v_call.connected_at + make_interval(mins => v_call.held_minutes) end,
    private.wallet_balance(v_call.fan_id) / v_call.rate;
end;
$$;

revoke all on function
  public.set_call_settings(integer, integer, boolean, text, integer, integer),
  public.set_call_availability(jsonb),
  public.call_slots(uuid, integer),
  public.book_call(uuid, timestamptz, text),
  public.cancel_booking(uuid),
  public.request_call(uuid, text, uuid),
  public.answer_call(uuid, boolean),
  public.join_call(uuid),
  public.call_heartbeat(uuid),
  public.renew_call(uuid),
  public.end_call(uuid),
  public.call_state(uuid)
  from public, anon;
grant execute on function
  public.set_call_settings(integer, integer, boolean, text, integer, integer),
  public.set_call_availability(jsonb),
  public.call_slots(uuid, integer),
  public.book_call(uuid, timestamptz, text),
  public.cancel_booking(uuid),
  public.request_call(uuid, text, uuid),
  public.answer_call(uuid, boolean),
  public.join_call(uuid),
  public.call_heartbeat(uuid),
  public.renew_call(uuid),
  public.end_call(uuid),
  public.call_state(uuid)
  to authenticated, service_role;
grant execute on function public.call_slots(uuid, integer) to anon;

-- ---------------------------------------------------------------------------------------------------
-- read shapes (security_invoker: the RLS of calls / call_bookings decides which rows a user sees)
-- ---------------------------------------------------------------------------------------------------
create view public.call_summaries with (security_invoker = true) as
  select c.*, f.username as fan_username, f.display_name as fan_display_name,
         cr.username as creator_username, cr.display_name as creator_display_name
    from public.calls c
    join public.profiles f on f.id = c.fan_id
    join public.profiles cr on cr.id = c.creator_id;

create view public.call_booking_summaries with (security_invoker = true) as
  select b.id, b.kind, b.status, b.starts_at, b.ends_at,
         b.fan_id, f.username as fan_username, f.display_name as fan_display_name,
         b.creator_id, c.username as creator_username, c.display_name as creator_display_name
    from public.call_bookings b
    join public.profiles f on f.id = b.fan_id
    join public.profiles c on c.id = b.creator_id;

revoke all on public.call_summaries, public.call_booking_summaries from anon, authenticated;
grant select on public.call_summaries, public.call_booking_summaries to authenticated, service_role;
