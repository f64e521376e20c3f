-- Live streams, part 2: what users call. Every function takes the caller from auth.uid(), checks access
-- through private.can_view_stream, and raises our SQLSTATEs (CO403/CO404/CO409/CO410/CO422, CO402 from
-- the ledger). Tips and gifts move tokens only through ledger.tip (creator share + platform fee, one
-- idempotency key per click).

-- Recomputes the live viewer count (present = not left, seen in the last 45 s) and the peak. Caller holds
-- or may take the stream row lock.
create function private.refresh_stream_viewers(p_stream_id uuid) returns table (viewer_count integer, peak_viewers integer)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_n integer;
begin
  select count(*)::integer into v_n from public.stream_viewers v
   where v.stream_id = p_stream_id and v.left_at is null and v.last_seen_at > now() - interval '45 seconds';
  return query
    update public.live_streams s
       set viewer_count = v_n, peak_viewers = greatest(s.peak_viewers, v_n)
     where s.id = p_stream_id and s.status = 'live'
    returning s.viewer_count, s.peak_viewers;
end;
$$;
revoke execute on function private.refresh_stream_viewers(uuid) from public, anon, authenticated;
grant execute on function private.refresh_stream_viewers(uuid) to service_role;

-- Closes the open viewer sessions of a stream at p_at (their last stretch counts up to 60 s).
create function private.close_stream_viewers(p_stream_id uuid, p_at timestamptz) returns void
language sql
security definer
set search_path = ''
as $$
  update public.stream_viewers v
     set watched_seconds = v.watched_seconds + case
           when p_at - v.last_seen_at between interval '0' and interval '60 seconds'
           then floor(extract(epoch from p_at - v.last_seen_at))::bigint else 0 end,
         left_at = p_at
   where v.stream_id = p_stream_id and v.left_at is null
$$;
revoke execute on function private.close_stream_viewers(uuid, timestamptz) from public, anon, authenticated;
grant execute on function private.close_stream_viewers(uuid, timestamptz) to service_role;

-- Ends, as 'stale' at their last studio heartbeat, live streams whose studio has been silent for 2 minutes:
-- one creator's (when going live again) or everyone's (the streams-sweep job). Rows another transaction
-- holds are skipped; the next sweep gets them. Returns how many were ended.
create function private.end_stale_streams(p_creator_id uuid, p_now timestamptz) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_s public.live_streams;
  v_n integer := 0;
begin
  for v_s in
    select s.* from public.live_streams s
     where s.status = 'live' and s.creator_seen_at <= p_now - interval '2 minutes'
       and (p_creator_id is null or s.creator_id = p_creator_id)
     order by s.id
       for no key update skip locked
  loop
    perform private.close_stream_viewers(v_s.id, v_s.creator_seen_at);
    update public.live_streams s
       set status = 'ended', ended_at = greatest(v_s.creator_seen_at, v_s.started_at), end_reason = 'stale', viewer_count = 0
     where s.id = v_s.id;
    v_n := v_n + 1;
  end loop;
  return v_n;
end;
$$;
revoke execute on function private.end_stale_streams(uuid, timestamptz) from public, anon, authenticated;
grant execute on function private.end_stale_streams(uuid, timestamptz) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- going live and ending
-- ---------------------------------------------------------------------------------------------------
-- Starts a stream for the calling creator. One live stream per creator (unique index): a live stream whose
-- studio has been silent for 2 minutes is ended as 'stale' first (at its last heartbeat); otherwise CO409.
create function public.start_stream(title text, category text, subscriber_only boolean default false)
returns setof public.live_streams
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_old public.live_streams;
begin
  if not exists (select 1 from public.profiles p where p.id = v_me and p.role = 'creator' and not p.is_banned) then
    raise exception 'Only creators can go live' using errcode = 'CO403';
  end if;
  if char_length(btrim(coalesce(start_stream.title, ''))) not between 1 and 120 then
    raise exception 'A title is 1 to 120 characters' using errcode = 'CO422';
  end if;
  perform private.end_stale_streams(v_me, now());
  select s.* into v_old from public.live_streams s where s.creator_id = v_me and s.status = 'live' for no key update;
  if v_old.id is not null then
    raise exception 'You are already live: end that stream first' using errcode = 'CO409';
  end if;
  return query
    insert into public.live_streams (creator_id, title, category, subscriber_only)
    values (v_me, btrim(start_stream.title), start_stream.category, coalesce(start_stream.subscriber_only, false))
    returning *;
end;
$$;

-- Ends the caller's stream (idempotent: ending an ended stream returns it unchanged).
create function public.end_stream(stream_id uuid) returns setof public.live_streams
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_s public.live_streams;
begin
  select s.* into v_s from public.live_streams s where s.id = end_stream.stream_id for no key update;
  if v_s.id is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if v_s.creator_id is distinct from (select auth.uid()) then
    raise exception 'Only the creator can end this stream' using errcode = 'CO403';
  end if;
  if v_s.status = 'live' then
    perform private.close_stream_viewers(v_s.id, now());
    update public.live_streams s
       set status = 'ended', ended_at = now(), end_reason = 'creator_ended', viewer_count = 0
     where s.id = v_s.id;
  end if;
  return query select s.* from public.live_streams s where s.id = v_s.id;
end;
$$;

-- Stores (or clears, with null) the recording URL of the caller's stream.
create function public.set_stream_vod_url(stream_id uuid, url text) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_creator uuid;
begin
  select s.creator_id into v_creator from public.live_streams s where s.id = set_stream_vod_url.stream_id;
  if v_creator is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if v_creator is distinct from (select auth.uid()) then
    raise exception 'Only the creator can set the recording' using errcode = 'CO403';
  end if;
  if url is not null and (url !~ '^https?://[^\s]+$' or char_length(url) > 2000) then
    raise exception 'The recording URL must be an http(s) URL of at most 2000 characters' using errcode = 'CO422';
  end if;
  update public.live_streams s set vod_url = url where s.id = set_stream_vod_url.stream_id;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- watching
-- ---------------------------------------------------------------------------------------------------
-- What the live page needs about one stream for the caller. vod_url only for allowed viewers.
create function public.stream_details(stream_id uuid)
returns table (id uuid, creator_id uuid, creator_username text, creator_display_name text, creator_avatar_url text,
               title text, category text, subscriber_only boolean, status text, started_at timestamptz,
               ended_at timestamptz, viewer_count integer, peak_viewers integer, last_event_seq bigint,
               can_view boolean, is_creator boolean, is_muted boolean, vod_url text)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_me uuid := (select auth.uid());
begin
  return query
    select s.id, s.creator_id, p.username, p.display_name, p.avatar_url, s.title, s.category, s.subscriber_only,
           s.status, s.started_at, s.ended_at, s.viewer_count, s.peak_viewers, s.last_event_seq,
           private.can_view_stream(s.id, v_me), s.creator_id = v_me,
           exists (select 1 from public.stream_mutes m where m.stream_id = s.id and m.user_id = v_me),
           case when private.can_view_stream(s.id, v_me) then s.vod_url end
      from public.live_streams s join public.profiles p on p.id = s.creator_id
     where s.id = stream_details.stream_id;
end;
$$;

-- Join (present = true, also the heartbeat every ~15 s) or leave (false). The creator's calls keep the
-- studio alive (creator_seen_at) and are not counted as a viewer. Returns the server-side counts.
-- Locks the stream row first (the same order as end_stream and the tips).
create function public.stream_presence(stream_id uuid, present boolean)
returns table (viewer_count integer, peak_viewers integer, status text)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_me uuid := (select auth.uid());
  v_s public.live_streams;
begin
  -- Lock order everywhere: the stream row first, then viewer rows (end_stream) or ledger accounts (tips).
  -- Taking it first here keeps a heartbeat from deadlocking with end_stream; heartbeats of one stream
  -- queue for a moment, which is cheap (one short transaction each, every 15 s per viewer).
  select s.* into v_s from public.live_streams s where s.id = stream_presence.stream_id for no key update;
  if v_s.id is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if not private.can_view_stream(v_s.id, v_me) then
    raise exception 'This stream is for subscribers only' using errcode = 'CO403';
  end if;
  if v_s.status <> 'live' then
    return query select 0, v_s.peak_viewers, v_s.status;
    return;
  end if;
  if v_s.creator_id = v_me then
    update public.live_streams s set creator_seen_at = now() where s.id = v_s.id;
  elsif coalesce(present, true) then
    insert into public.stream_viewers as v (stream_id, user_id) values (v_s.id, v_me)
    on conflict (stream_id, user_id) do update
       set watched_seconds = v.watched_seconds + case
             when v.left_at is null and now() - v.last_seen_at between interval '0' and interval '60 seconds'
             then floor(extract(epoch from now() - v.last_seen_at))::bigint else 0 end,
           last_seen_at = now(),
           left_at = null;
  else
    update public.stream_viewers v
       set watched_seconds = v.watched_seconds + case
             when now() - v.last_seen_at between interval '0' and interval '60 seconds'
             then floor(extract(epoch from now() - v.last_seen_at))::bigint else 0 end,
           left_at = now()
     where v.stream_id = v_s.id and v.user_id = v_me and v.left_at is null;
  end if;
  return query select r.viewer_count, r.peak_viewers, 'live'::text from private.refresh_stream_viewers(v_s.id) r;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- chat and moderation (human actions by the creator, each one recorded)
-- ---------------------------------------------------------------------------------------------------
create function public.post_stream_message(stream_id uuid, body text)
returns setof public.stream_messages
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_s public.live_streams;
  v_body text := btrim(post_stream_message.body);
begin
  select s.* into v_s from public.live_streams s where s.id = post_stream_message.stream_id;
  if v_s.id is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if not private.can_view_stream(v_s.id, v_me) then
    raise exception 'This stream is for subscribers only' using errcode = 'CO403';
  end if;
  if v_s.status <> 'live' then
    raise exception 'This stream has ended' using errcode = 'CO409';
  end if;
  if exists (select 1 from public.stream_mutes m where m.stream_id = v_s.id and m.user_id = v_me) then
    raise exception 'The creator muted you in this chat' using errcode = 'CO403';
  end if;
  if char_length(coalesce(v_body, '')) not between 1 and 300 then
    raise exception 'A chat message is 1 to 300 characters' using errcode = 'CO422';
  end if;
  return query
    insert into public.stream_messages as m (stream_id, sender_id, body) values (v_s.id, v_me, v_body)
    returning m.*;
end;
$$;

-- Deletes a chat message of the caller's stream (idempotent); the text is kept in the moderation record.
create function public.delete_stream_message(message_id bigint)
returns table (id bigint, stream_id uuid)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_me uuid := (select auth.uid());
  v_m public.stream_messages;
  v_creator uuid;
begin
  select m.* into v_m from public.stream_messages m where m.id = delete_stream_message.message_id for update;
  if v_m.id is null then
    raise exception 'Message not found' using errcode = 'CO404';
  end if;
  select s.creator_id into v_creator from public.live_streams s where s.id = v_m.stream_id;
  if v_creator is distinct from v_me then
    raise exception 'Only the creator of this stream can delete chat messages' using errcode = 'CO403';
  end if;
  if v_m.deleted_at is null then
    insert into public.stream_moderation_actions (stream_id, actor_id, action, target_user_id, message_id, message_body)
    values (v_m.stream_id, v_me, 'delete_message', v_m.sender_id, v_m.id, v_m.body);
    update public.stream_messages m set body = null, deleted_at = now(), deleted_by = v_me where m.id = v_m.id;
  end if;
  return query select v_m.id, v_m.stream_id;
end;
$$;

-- Mutes (p_muted = true) or unmutes a viewer in the caller's stream; a change is recorded, a no-op is not.
create function public.set_stream_mute(stream_id uuid, user_id uuid, muted boolean, reason text default null)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_me uuid := (select auth.uid());
  v_creator uuid;
  v_changed boolean;
begin
  select s.creator_id into v_creator from public.live_streams s where s.id = set_stream_mute.stream_id;
  if v_creator is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if v_creator is distinct from v_me then
    raise exception 'Only the creator of this stream can mute viewers' using errcode = 'CO403';
  end if;
  if set_stream_mute.user_id = v_me then
    raise exception 'You cannot mute yourself' using errcode = 'CO422';
  end if;
  if not exists (select 1 from public.profiles p where p.id = set_stream_mute.user_id) then
    raise exception 'User not found' using errcode = 'CO404';
  end if;
  if char_length(reason) > 200 then
    raise exception 'A reason is at most 200 characters' using errcode = 'CO422';
  end if;
  if muted then
    insert into public.stream_mutes (stream_id, user_id, muted_by, reason)
    values (set_stream_mute.stream_id, set_stream_mute.user_id, v_me, nullif(btrim(reason), ''))
    on conflict do nothing;
  else
    delete from public.stream_mutes m where m.stream_id = set_stream_mute.stream_id and m.user_id = set_stream_mute.user_id;
  end if;
  get diagnostics v_changed = row_count;
  if v_changed then
    insert into public.stream_moderation_actions (stream_id, actor_id, action, target_user_id, reason)
    values (set_stream_mute.stream_id, v_me, case when muted then 'mute' else 'unmute' end,
            set_stream_mute.user_id, nullif(btrim(reason), ''));
  end if;
  return v_changed;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- tips and gifts
-- ---------------------------------------------------------------------------------------------------
-- One paid on-screen event. Locks the stream row first, so events of one stream are numbered (seq) in the
-- order their ledger transfers commit. The money moves through ledger.tip (fee split and wallet checks
-- there). Idempotent per payer and key: a repeated click returns the first event (replayed = true), the
-- same key for another request is CO410.
create function private.stream_payment(p_stream_id uuid, p_payer uuid, p_kind text, p_amount bigint,
  p_gift_id text, p_message text, p_key text)
returns table (seq bigint, kind text, amount bigint, gift_id text, message text, transfer_id bigint,
               created_at timestamptz, balance bigint, replayed boolean)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_s public.live_streams;
  v_gift public.stream_gifts;
  v_amount bigint := p_amount;
  v_memo text := nullif(btrim(p_message), '');
  v_tip record;
  v_event public.stream_events;
begin
  select s.* into v_s from public.live_streams s where s.id = p_stream_id for no key update;
  if v_s.id is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if not private.can_view_stream(v_s.id, p_payer) then
    raise exception 'This stream is for subscribers only' using errcode = 'CO403';
  end if;
  if p_key is null or char_length(p_key) not between 1 and 255 then
    raise exception 'An idempotency key of 1 to 255 characters is required' using errcode = 'CO422';
  end if;
  if p_kind = 'gift' then
    select g.* into v_gift from public.stream_gifts g where g.id = p_gift_id and g.active;
    if v_gift.id is null then
      raise exception 'Gift not found' using errcode = 'CO404';
    end if;
    v_amount := v_gift.price;
    v_memo := 'Gift: ' || v_gift.name;
  end if;

  -- A repeated click: ledger.tip replays (and refuses a different request with CO410); the event exists.
  if exists (select 1 from ledger.transfers t where t.idempotency_scope = 'tip:' || p_payer::text and t.idempotency_key = p_key) then
    select t.transfer_id, t.balance into v_tip from ledger.tip(p_payer, v_s.creator_id, v_amount, v_memo, p_key) t;
    select e.* into v_event from public.stream_events e where e.transfer_id = v_tip.transfer_id;
    if v_event.stream_id is distinct from v_s.id or v_event.kind <> p_kind then
      raise exception 'This idempotency key was already used for a different request' using errcode = 'CO410';
    end if;
    return query select v_event.seq, v_event.kind, v_event.amount, v_event.gift_id, v_event.message,
                        v_event.transfer_id, v_event.created_at, v_tip.balance, true;
    return;
  end if;

  if v_s.status <> 'live' then
    raise exception 'This stream has ended' using errcode = 'CO409';
  end if;
  select t.transfer_id, t.balance into v_tip from ledger.tip(p_payer, v_s.creator_id, v_amount, v_memo, p_key) t;
  update public.live_streams s set last_event_seq = s.last_event_seq + 1 where s.id = v_s.id;
  insert into public.stream_events (stream_id, seq, kind, sender_id, amount, gift_id, message, transfer_id)
  values (v_s.id, v_s.last_event_seq + 1, p_kind, p_payer, v_amount, v_gift.id,
          case when p_kind = 'tip' then v_memo end, v_tip.transfer_id)
  returning * into v_event;
  return query select v_event.seq, v_event.kind, v_event.amount, v_event.gift_id, v_event.message,
                      v_event.transfer_id, v_event.created_at, v_tip.balance, false;
end;
$$;
revoke execute on function private.stream_payment(uuid, uuid, text, bigint, text, text, text) from public, anon, authenticated;
grant execute on function private.stream_payment(uuid, uuid, text, bigint, text, text, text) to service_role;

create function public.stream_tip(stream_id uuid, tokens bigint, note text, idempotency_key text)
returns table (seq bigint, kind text, amount bigint, gift_id text, message text, transfer_id bigint,
               created_at timestamptz, balance bigint, replayed boolean)
language sql
security definer
set search_path = ''
as $$
  select * from private.stream_payment(stream_id, (select auth.uid()), 'tip', tokens, null, note, idempotency_key)
$$;

create function public.stream_gift(stream_id uuid, gift text, idempotency_key text)
returns table (seq bigint, kind text, amount bigint, gift_id text, message text, transfer_id bigint,
               created_at timestamptz, balance bigint, replayed boolean)
language sql
security definer
set search_path = ''
as $$
  select * from private.stream_payment(stream_id, (select auth.uid()), 'gift', null, gift, null, idempotency_key)
$$;

-- ---------------------------------------------------------------------------------------------------
-- analytics (the creator, or an admin)
-- ---------------------------------------------------------------------------------------------------
-- What the creator received from a stream's tips and gifts (the creator_earnings legs of their transfers).
-- Private: only stream_analytics calls it, after its own creator/admin check.
create function private.stream_creator_earned(p_stream_id uuid) returns bigint
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(sum(le.amount), 0)::bigint
    from public.stream_events e
    join ledger.entries le on le.transfer_id = e.transfer_id
    join ledger.accounts a on a.id = le.account_id and a.kind = 'creator_earnings'
   where e.stream_id = p_stream_id
$$;
revoke execute on function private.stream_creator_earned(uuid) from public, anon, authenticated;
grant execute on function private.stream_creator_earned(uuid) to service_role;

-- Average viewers = total watched seconds / stream duration (time-weighted concurrency).
create function public.stream_analytics(stream_id uuid)
returns table (duration_seconds bigint, peak_viewers integer, average_viewers numeric, unique_viewers integer,
               chat_messages integer, deleted_messages integer, tips_total bigint, tips_count integer,
               gifts_total bigint, gifts_count integer, creator_earned bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_s public.live_streams;
  v_duration bigint;
begin
  select s.* into v_s from public.live_streams s where s.id = stream_analytics.stream_id;
  if v_s.id is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if v_s.creator_id is distinct from (select auth.uid()) and not (select private.is_admin()) then
    raise exception 'Only the creator can see this stream''s analytics' using errcode = 'CO403';
  end if;
  v_duration := floor(extract(epoch from coalesce(v_s.ended_at, now()) - v_s.started_at))::bigint;
  return query
    select v_duration,
           v_s.peak_viewers,
           case when v_duration > 0
                then round((select coalesce(sum(v.watched_seconds), 0) from public.stream_viewers v where v.stream_id = v_s.id)::numeric / v_duration, 1)
                else 0::numeric end,
           (select count(*)::integer from public.stream_viewers v where v.stream_id = v_s.id and v.user_id <> v_s.creator_id),
           (select count(*)::integer from public.stream_messages m where m.stream_id = v_s.id),
           (select count(*)::integer from public.stream_messages m where m.stream_id = v_s.id and m.deleted_at is not null),
           (select coalesce(sum(e.amount), 0)::bigint from public.stream_events e where e.stream_id = v_s.id and e.kind = 'tip'),
           (select count(*)::integer from public.stream_events e where e.stream_id = v_s.id and e.kind = 'tip'),
           (select coalesce(sum(e.amount), 0)::bigint from public.stream_events e where e.stream_id = v_s.id and e.kind = 'gift'),
           (select count(*)::integer from public.stream_events e where e.stream_id = v_s.id and e.kind = 'gift'),
           private.stream_creator_earned(v_s.id);
end;
$$;

create function public.stream_top_supporters(stream_id uuid, max_rows integer default 10)
returns table (user_id uuid, username text, display_name text, total bigint, tips integer, gifts integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_creator uuid;
begin
  select s.creator_id into v_creator from public.live_streams s where s.id = stream_top_supporters.stream_id;
  if v_creator is null then
    raise exception 'Stream not found' using errcode = 'CO404';
  end if;
  if v_creator is distinct from (select auth.uid()) and not (select private.is_admin()) then
    raise exception 'Only the creator can see this stream''s supporters' using errcode = 'CO403';
  end if;
  return query
    select e.sender_id, p.username, p.display_name, sum(e.amount)::bigint,
           (count(*) filter (where e.kind = 'tip'))::integer, (count(*) filter (where e.kind = 'gift'))::integer
      from public.stream_events e join public.profiles p on p.id = e.sender_id
     where e.stream_id = stream_top_supporters.stream_id
     group by e.sender_id, p.username, p.display_name
     order by sum(e.amount) desc, p.username
     limit least(greatest(coalesce(max_rows, 10), 1), 100);
end;
$$;

revoke all on function
  public.start_stream(text, text, boolean),
  public.end_stream(uuid),
  public.set_stream_vod_url(uuid, text),
  public.stream_details(uuid),
  public.stream_presence(uuid, boolean),
  public.post_stream_message(uuid, text),
  public.delete_stream_message(bigint),
  public.set_stream_mute(uuid, uuid, boolean, text),
  public.stream_tip(uuid, bigint, text, text),
  public.stream_gift(uuid, text, text),
  public.stream_analytics(uuid),
  public.stream_top_supporters(uuid, integer)
  from public, anon, service_role;
grant execute on function
  public.start_stream(text, text, boolean),
  public.end_stream(uuid),
  public.set_stream_vod_url(uuid, text),
  public.stream_details(uuid),
  public.stream_presence(uuid, boolean),
  public.post_stream_message(uuid, text),
  public.delete_stream_message(bigint),
  public.set_stream_mute(uuid, uuid, boolean, text),
  public.stream_tip(uuid, bigint, text, text),
  public.stream_gift(uuid, text, text),
  public.stream_analytics(uuid),
  public.stream_top_supporters(uuid, integer)
  to authenticated;

-- Discovery reads creator_seen_at to hide streams whose studio went silent.
grant select (creator_seen_at) on public.live_streams to anon, authenticated;
