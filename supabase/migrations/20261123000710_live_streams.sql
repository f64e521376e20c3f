-- Live streams, part 1: streams, the gift catalog, on-screen events (tips and gifts), chat, mutes, the
-- moderation record, and viewer sessions. Who may watch a stream is decided by ONE function,
-- private.can_view_stream, which every policy, token and channel check goes through. The functions users
-- call follow in 20261123000711_live_stream_api.sql.

-- ---------------------------------------------------------------------------------------------------
-- streams
-- ---------------------------------------------------------------------------------------------------
create table public.live_streams (
  id uuid primary key default gen_random_uuid(),
  creator_id uuid not null references public.profiles (id),
  title text not null constraint live_streams_title check (char_length(btrim(title)) between 1 and 120),
  category text not null constraint live_streams_category check (category in
    ('just_chatting', 'music', 'art', 'gaming', 'fitness', 'education', 'other')),
  subscriber_only boolean not null default false,
  status text not null default 'live' constraint live_streams_status check (status in ('live', 'ended')),
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  end_reason text constraint live_streams_end_reason check (end_reason in ('creator_ended', 'stale')),
  creator_seen_at timestamptz not null default now(),
  viewer_count integer not null default 0 constraint live_streams_viewer_count check (viewer_count >= 0),
  peak_viewers integer not null default 0 constraint live_streams_peak check (peak_viewers >= 0),
  last_event_seq bigint not null default 0,
  vod_url text constraint live_streams_vod_url check (vod_url ~ '^https?://[^\s]+$' and char_length(vod_url) <= 2000),
  constraint live_streams_ended_shape check ((status = 'ended') = (ended_at is not null and end_reason is not null)),
  constraint live_streams_times check (ended_at is null or ended_at >= started_at)
);
comment on table public.live_streams is 'One row per broadcast. At most one live stream per creator (partial unique index).';
comment on column public.live_streams.subscriber_only is 'Only the creator and active subscribers may watch (see private.can_view_stream).';
comment on column public.live_streams.creator_seen_at is 'Last heartbeat from the creator''s studio; a stream silent for 2 minutes is ended as stale when the creator next goes live.';
comment on column public.live_streams.viewer_count is 'Viewers with a heartbeat in the last 45 s, recomputed server-side on every join/heartbeat/leave.';
comment on column public.live_streams.peak_viewers is 'Highest viewer_count seen while live.';
comment on column public.live_streams.last_event_seq is 'Sequence of the last tip/gift event: the next event takes last_event_seq + 1 under the row lock.';
comment on column public.live_streams.vod_url is 'Recording URL when the creator provides one (Agora cloud recording is not wired).';

create unique index live_streams_one_live_per_creator on public.live_streams (creator_id) where status = 'live';
create index live_streams_creator_idx on public.live_streams (creator_id, started_at desc);
create index live_streams_live_idx on public.live_streams (viewer_count desc) where status = 'live';

-- ---------------------------------------------------------------------------------------------------
-- the one access rule
-- ---------------------------------------------------------------------------------------------------
-- Who may watch (mint a subscriber token, read chat and events, subscribe to the channel, chat, tip):
--   * the creator, always;
--   * any signed-in, non-banned user when the stream is not subscriber-only;
--   * for a subscriber-only stream, active subscribers of the creator. Subscriptions do not exist yet, so
--     today that set is empty and only the creator passes. The subscriptions work extends THIS function.
create function private.can_view_stream(p_stream_id uuid, p_user_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select s.creator_id = p_user_id
        or (not s.subscriber_only
            and exists (select 1 from public.profiles p where p.id = p_user_id and not p.is_banned))
      from public.live_streams s
     where s.id = p_stream_id), false)
$$;
revoke execute on function private.can_view_stream(uuid, uuid) from public, anon;
grant execute on function private.can_view_stream(uuid, uuid) to authenticated, service_role;

alter table public.live_streams enable row level security;
revoke all on public.live_streams from anon, authenticated;
-- Discovery: everyone may see that a stream exists (title, category, counts) — vod_url is not granted.
grant select (id, creator_id, title, category, subscriber_only, status, started_at, ended_at, end_reason,
              viewer_count, peak_viewers) on public.live_streams to anon, authenticated;
grant all on public.live_streams to service_role;
create policy live_streams_select_all on public.live_streams for select to anon, authenticated using (true);

-- ---------------------------------------------------------------------------------------------------
-- gift catalog (reference data, seeded here)
-- ---------------------------------------------------------------------------------------------------
create table public.stream_gifts (
  id text primary key constraint stream_gifts_id check (id ~ '^[a-z0-9_]{1,40}$'),
  name text not null constraint stream_gifts_name check (char_length(name) between 1 and 40),
  emoji text not null constraint stream_gifts_emoji check (char_length(emoji) between 1 and 8),
  price bigint not null constraint stream_gifts_price check (price between 1 and 100000),
  sort integer not null default 0,
  active boolean not null default true
);
comment on table public.stream_gifts is 'Gifts a viewer can send during a stream; price is in tokens and moves through ledger.tip.';
alter table public.stream_gifts enable row level security;
revoke all on public.stream_gifts from anon, authenticated;
grant select on public.stream_gifts to anon, authenticated;
grant all on public.stream_gifts to service_role;
create policy stream_gifts_select_all on public.stream_gifts for select to anon, authenticated using (true);

insert into public.stream_gifts (id, name, emoji, price, sort) values
  ('heart', 'Heart', '❤️', 5, 10),
  ('rose', 'Rose', '🌹', 10, 20),
  ('coffee', 'Coffee', '☕', 25, 30),
  ('star', 'Star', '⭐', 50, 40),
  ('cake', 'Cake', '🎂', 100, 50),
  ('rocket', 'Rocket', '🚀', 250, 60),
  ('crown', 'Crown', '👑', 500, 70);

-- ---------------------------------------------------------------------------------------------------
-- on-screen events: tips and gifts, numbered per stream in ledger order
-- ---------------------------------------------------------------------------------------------------
create table public.stream_events (
  stream_id uuid not null references public.live_streams (id),
  seq bigint not null constraint stream_events_seq check (seq >= 1),
  kind text not null constraint stream_events_kind check (kind in ('tip', 'gift')),
  sender_id uuid not null references public.profiles (id),
  amount bigint not null constraint stream_events_amount check (amount > 0),
  gift_id text references public.stream_gifts (id),
  message text constraint stream_events_message check (char_length(message) <= 280),
  transfer_id bigint not null constraint stream_events_transfer unique,
  created_at timestamptz not null default now(),
  primary key (stream_id, seq),
  constraint stream_events_gift_shape check ((kind = 'gift') = (gift_id is not null))
);
comment on table public.stream_events is 'Tips and gifts shown on screen. seq is assigned under the stream row lock in the same transaction as the ledger transfer, so seq order = ledger order.';
comment on column public.stream_events.transfer_id is 'The ledger transfer (ledger.transfers.id) that paid this event; unique, so a replay never shows twice.';
create index stream_events_sender_idx on public.stream_events (stream_id, sender_id);

alter table public.stream_events enable row level security;
revoke all on public.stream_events from anon, authenticated;
grant select on public.stream_events to authenticated;
grant all on public.stream_events to service_role;
create policy stream_events_select_viewer on public.stream_events for select to authenticated
  using ((select private.can_view_stream(stream_id, (select auth.uid()))) or (select private.is_admin()));

-- ---------------------------------------------------------------------------------------------------
-- chat, mutes and the moderation record
-- ---------------------------------------------------------------------------------------------------
create table public.stream_messages (
  id bigint generated always as identity primary key,
  stream_id uuid not null references public.live_streams (id),
  sender_id uuid not null references public.profiles (id),
  body text constraint stream_messages_body check (char_length(body) between 1 and 300),
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  deleted_by uuid references public.profiles (id),
  constraint stream_messages_deleted_shape check ((deleted_at is null) = (body is not null))
);
comment on column public.stream_messages.body is 'Null once the creator deleted it; the original text is kept in stream_moderation_actions.';
create index stream_messages_stream_idx on public.stream_messages (stream_id, id desc);

alter table public.stream_messages enable row level security;
revoke all on public.stream_messages from anon, authenticated;
grant select on public.stream_messages to authenticated;
grant all on public.stream_messages to service_role;
create policy stream_messages_select_viewer on public.stream_messages for select to authenticated
  using ((select private.can_view_stream(stream_id, (select auth.uid()))) or (select private.is_admin()));

create table public.stream_mutes (
  stream_id uuid not null references public.live_streams (id),
  user_id uuid not null references public.profiles (id),
  muted_by uuid not null references public.profiles (id),
  reason text constraint stream_mutes_reason check (char_length(reason) <= 200),
  created_at timestamptz not null default now(),
  primary key (stream_id, user_id)
);
comment on table public.stream_mutes is 'A viewer muted in one stream''s chat by its creator (a human action; nothing mutes automatically).';
alter table public.stream_mutes enable row level security;
revoke all on public.stream_mutes from anon, authenticated;
grant select on public.stream_mutes to authenticated;
grant all on public.stream_mutes to service_role;
create policy stream_mutes_select_party on public.stream_mutes for select to authenticated
  using (user_id = (select auth.uid())
         or exists (select 1 from public.live_streams s where s.id = stream_id and s.creator_id = (select auth.uid()))
         or (select private.is_admin()));

create table public.stream_moderation_actions (
  id bigint generated always as identity primary key,
  stream_id uuid not null references public.live_streams (id),
  actor_id uuid not null references public.profiles (id),
  action text not null constraint stream_moderation_action check (action in ('delete_message', 'mute', 'unmute')),
  target_user_id uuid not null references public.profiles (id),
  message_id bigint references public.stream_messages (id),
  message_body text,
  reason text constraint stream_moderation_reason check (char_length(reason) <= 200),
  created_at timestamptz not null default now()
);
comment on table public.stream_moderation_actions is 'Append-only record of every chat moderation action taken by a creator.';
create index stream_moderation_stream_idx on public.stream_moderation_actions (stream_id, id);
alter table public.stream_moderation_actions enable row level security;
revoke all on public.stream_moderation_actions from anon, authenticated;
grant select on public.stream_moderation_actions to authenticated;
grant select, insert on public.stream_moderation_actions to service_role;
create policy stream_moderation_select_creator on public.stream_moderation_actions for select to authenticated
  using (exists (select 1 from public.live_streams s where s.id = stream_id and s.creator_id = (select auth.uid()))
         or (select private.is_admin()));

-- ---------------------------------------------------------------------------------------------------
-- viewer sessions (server-side counts: join / heartbeat / leave)
-- ---------------------------------------------------------------------------------------------------
create table public.stream_viewers (
  stream_id uuid not null references public.live_streams (id),
  user_id uuid not null references public.profiles (id),
  first_joined_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  left_at timestamptz,
  watched_seconds bigint not null default 0 constraint stream_viewers_watched check (watched_seconds >= 0),
  primary key (stream_id, user_id)
);
comment on table public.stream_viewers is 'One row per viewer and stream (the creator is not a viewer). Present = not left and seen in the last 45 s.';
comment on column public.stream_viewers.watched_seconds is 'Time between consecutive heartbeats (gaps over 60 s are not counted): the basis of average viewers.';
create index stream_viewers_present_idx on public.stream_viewers (stream_id, last_seen_at) where left_at is null;

alter table public.stream_viewers enable row level security;
revoke all on public.stream_viewers from anon, authenticated;
grant select on public.stream_viewers to authenticated;
grant all on public.stream_viewers to service_role;
create policy stream_viewers_select_party on public.stream_viewers for select to authenticated
  using (user_id = (select auth.uid())
         or exists (select 1 from public.live_streams s where s.id = stream_id and s.creator_id = (select auth.uid()))
         or (select private.is_admin()));
