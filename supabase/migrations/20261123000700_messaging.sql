-- Direct messages, part 1: tables. Two participants per conversation (unique per pair), messages of kind
-- text, media, tip and ppv, pay-per-view payloads kept out of public reach, unlocks, blocks, uploads and
-- the creator's price per fan message. Only the functions in 20261123000701_messaging_api.sql write.

-- ---------------------------------------------------------------------------------------------------
-- creator settings: the price of one message from a fan (0 = free)
-- ---------------------------------------------------------------------------------------------------
create table public.message_settings (
  creator_id uuid primary key references public.profiles (id) on delete cascade,
  message_price integer not null default 0
    constraint message_settings_price check (message_price between 0 and 10000),
  updated_at timestamptz not null default now()
);
comment on column public.message_settings.message_price is 'Tokens a fan pays per message sent to this creator (creator share + platform fee).';

alter table public.message_settings enable row level security;
revoke all on public.message_settings from anon, authenticated;
grant select on public.message_settings to authenticated;
grant all on public.message_settings to service_role;
-- Prices are public to signed-in users: the composer shows what a message costs before it is sent.
create policy message_settings_select_signed_in on public.message_settings for select to authenticated using (true);

-- ---------------------------------------------------------------------------------------------------
-- conversations: one per unordered pair (user_a < user_b)
-- ---------------------------------------------------------------------------------------------------
create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  user_a uuid not null references public.profiles (id) on delete cascade,
  user_b uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default date_trunc('milliseconds', now()),
  last_message_at timestamptz,
  constraint conversations_ordered_pair check (user_a < user_b),
  constraint conversations_pair_unique unique (user_a, user_b)
);
comment on table public.conversations is 'A direct conversation; the pair is stored ordered so that (a, b) and (b, a) are one row.';
create index conversations_user_b_idx on public.conversations (user_b, last_message_at desc);
create index conversations_user_a_idx on public.conversations (user_a, last_message_at desc);

-- Whether the caller takes part in a conversation (used by policies; definer so it reads the row directly).
create function private.is_conversation_member(p_conversation uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.conversations c
     where c.id = p_conversation and (select auth.uid()) in (c.user_a, c.user_b))
$$;
revoke all on function private.is_conversation_member(uuid) from public, anon;
grant execute on function private.is_conversation_member(uuid) to authenticated, service_role;

alter table public.conversations enable row level security;
revoke all on public.conversations from anon, authenticated;
grant select on public.conversations to authenticated;
grant all on public.conversations to service_role;
create policy conversations_select_member on public.conversations for select to authenticated
  using ((select auth.uid()) in (user_a, user_b));

-- ---------------------------------------------------------------------------------------------------
-- messages
-- ---------------------------------------------------------------------------------------------------
create table public.messages (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  sender_id uuid not null references public.profiles (id) on delete cascade,
  recipient_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null constraint messages_kind check (kind in ('text', 'media', 'tip', 'ppv')),
  body text not null default '' constraint messages_body_length check (char_length(body) <= 2000),
  -- kind = media only; a pay-per-view payload lives in private.ppv_media and is never in this table.
  media_url text constraint messages_media_url check (media_url is null or char_length(media_url) <= 1000),
  media_type text constraint messages_media_type check (media_type is null or media_type ~ '^(image|video|audio)/[a-z0-9.+-]+$'),
  media_upload_id uuid,
  -- kind = ppv: the unlock price; kind = tip: the tip; else what the sender paid for a premium message.
  price integer not null default 0 constraint messages_price check (price >= 0),
  transfer_id bigint,
  client_key text not null constraint messages_client_key check (char_length(client_key) between 1 and 100),
  -- Millisecond precision: the keyset cursor travels through JavaScript dates, which keep milliseconds.
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  read_at timestamptz,
  unsent_at timestamptz,
  constraint messages_parties check (sender_id <> recipient_id),
  constraint messages_client_key_unique unique (sender_id, client_key),
  constraint messages_shape check (
    case kind
      when 'text' then char_length(btrim(body)) > 0 and media_url is null
      when 'media' then media_url is not null and media_type is not null
      when 'tip' then price > 0 and transfer_id is not null and media_url is null
      when 'ppv' then price > 0 and media_url is null and media_type is null
    end),
  constraint messages_unsend_ppv_only check (unsent_at is null or kind = 'ppv')
);
comment on column public.messages.client_key is 'Chosen by the sender per send action: a retry or double click returns the first message (and charge).';
comment on column public.messages.transfer_id is 'The ledger transfer that paid for this message (premium message or tip), if any.';
comment on column public.messages.unsent_at is 'A PPV message the creator withdrew: hidden from the recipient unless they had unlocked it.';

create index messages_conversation_idx on public.messages (conversation_id, created_at desc, id desc);
create index messages_unread_idx on public.messages (recipient_id, conversation_id) where read_at is null;

-- Pay-per-view payloads: never reachable by API roles; returned by public.list_messages only to the sender
-- and to a recipient who unlocked.
create table private.ppv_media (
  message_id uuid primary key references public.messages (id) on delete cascade,
  media_url text not null constraint ppv_media_url check (char_length(media_url) <= 1000),
  media_type text not null constraint ppv_media_type check (media_type ~ '^(image|video|audio)/[a-z0-9.+-]+$'),
  upload_id uuid
);
revoke all on private.ppv_media from public, anon, authenticated;
grant all on private.ppv_media to service_role;

create table private.message_unlocks (
  message_id uuid not null references public.messages (id) on delete cascade,
  user_id uuid not null references public.profiles (id) on delete cascade,
  transfer_id bigint not null,
  created_at timestamptz not null default now(),
  primary key (message_id, user_id)
);
comment on table private.message_unlocks is 'Who paid to see a PPV message; the primary key makes an unlock happen once.';
revoke all on private.message_unlocks from public, anon, authenticated;
grant all on private.message_unlocks to service_role;

-- Whether the caller may see a message row (sender; or recipient unless a PPV was unsent before they paid).
create function private.message_visible(p_message uuid, p_sender uuid, p_unsent timestamptz) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select p_sender = (select auth.uid()) or p_unsent is null
      or exists (select 1 from private.message_unlocks u where u.message_id = p_message and u.user_id = (select auth.uid()))
$$;
revoke all on function private.message_visible(uuid, uuid, timestamptz) from public, anon;
grant execute on function private.message_visible(uuid, uuid, timestamptz) to authenticated, service_role;

alter table public.messages enable row level security;
revoke all on public.messages from anon, authenticated;
grant select on public.messages to authenticated;
grant all on public.messages to service_role;
create policy messages_select_member on public.messages for select to authenticated
  using ((select auth.uid()) in (sender_id, recipient_id) and private.message_visible(id, sender_id, unsent_at));

-- ---------------------------------------------------------------------------------------------------
-- blocks
-- ---------------------------------------------------------------------------------------------------
create table public.user_blocks (
  blocker_id uuid not null references public.profiles (id) on delete cascade,
  blocked_id uuid not null references public.profiles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (blocker_id, blocked_id),
  constraint user_blocks_not_self check (blocker_id <> blocked_id)
);
create index user_blocks_blocked_idx on public.user_blocks (blocked_id);

alter table public.user_blocks enable row level security;
revoke all on public.user_blocks from anon, authenticated;
grant select on public.user_blocks to authenticated;
grant all on public.user_blocks to service_role;
-- A user sees whom they blocked, not who blocked them.
create policy user_blocks_select_own on public.user_blocks for select to authenticated
  using (blocker_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------------
-- uploads (bytes in Supabase Storage or .data/uploads; this row is the access record)
-- ---------------------------------------------------------------------------------------------------
create table private.uploads (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references public.profiles (id) on delete cascade,
  storage text not null constraint uploads_storage check (storage in ('local', 'supabase')),
  object_path text not null constraint uploads_path check (char_length(object_path) <= 300 and object_path ~ '^[a-z0-9/_.-]+$'),
  content_type text not null,
  size_bytes integer not null constraint uploads_size check (size_bytes between 1 and 10485760),
  created_at timestamptz not null default now()
);
revoke all on private.uploads from public, anon, authenticated;
grant all on private.uploads to service_role;
