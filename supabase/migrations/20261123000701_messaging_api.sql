-- Direct messages, part 2: what signed-in users call (the caller is auth.uid()). Money moves only through
-- the ledger's functions (ledger.transfer for premium messages and unlocks, ledger.tip for tip messages),
-- in the same transaction as the message or unlock row: no message without payment and no payment without
-- message. Idempotency: a premium message is keyed by (sender, client_key), an unlock by (user, message).

-- ---------------------------------------------------------------------------------------------------
-- helpers (owner only)
-- ---------------------------------------------------------------------------------------------------

-- Charges p_payer p_amount for p_creator: creator earnings get amount − fee, platform revenue the fee
-- (ledger.config.fee_bps), as one 'message' transfer keyed (p_scope, p_key). A replay with the same
-- key and terms returns the original transfer without charging again (ledger.claim_transfer).
create function private.charge_for_message(p_payer uuid, p_creator uuid, p_amount bigint, p_scope text,
  p_key text, p_metadata jsonb)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_wallet bigint;
  v_earnings bigint;
  v_platform bigint;
  v_fee bigint;
  v_shards record;
  v_result record;
begin
  v_wallet := ledger.find_account('fan_wallet', p_payer, 0);
  if v_wallet is null then
    raise exception 'Insufficient tokens: the balance is 0, this needs %', p_amount using errcode = 'CO402';
  end if;
  select c.fee_bps, c.creator_shards, c.platform_shards into v_shards from ledger.config c;
  -- Spread a busy creator (and the platform) over their sub-accounts, as tips do.
  v_earnings := ledger.account_for('creator_earnings', p_creator,
    (abs(hashtext(p_scope || p_key)) % v_shards.creator_shards)::integer);
  v_platform := ledger.account_for('platform_revenue', null,
    (abs(hashtext(p_key || p_scope)) % v_shards.platform_shards)::integer);
  v_fee := p_amount * v_shards.fee_bps / 10000;
  select t.transfer_id, t.replayed into v_result
    from ledger.transfer('message', p_scope, p_key, array[v_wallet, v_earnings, v_platform],
                         array[-p_amount, p_amount - v_fee, v_fee], p_metadata) t;
  return v_result.transfer_id;
end;
$$;

-- The caller's conversation; CO404 for anyone else (a third party learns nothing, not even that it exists).
create function private.own_conversation(p_conversation uuid, p_uid uuid) returns public.conversations
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_row public.conversations;
begin
  select c.* into v_row from public.conversations c where c.id = p_conversation;
  if v_row.id is null or p_uid not in (v_row.user_a, v_row.user_b) then
    raise exception 'Conversation not found' using errcode = 'CO404';
  end if;
  return v_row;
end;
$$;

revoke all on function private.charge_for_message(uuid, uuid, bigint, text, text, jsonb),
  private.own_conversation(uuid, uuid) from public, anon, authenticated;
grant execute on function private.charge_for_message(uuid, uuid, bigint, text, text, jsonb),
  private.own_conversation(uuid, uuid) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- conversations, settings, blocks
-- ---------------------------------------------------------------------------------------------------

-- The one conversation between the caller and other_user, created on first use (race-safe: the unique
-- pair index decides, the loser reads the winner's row).
create function public.get_or_create_conversation(other_user uuid) returns public.conversations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_a uuid := least(v_uid, other_user);
  v_b uuid := greatest(v_uid, other_user);
  v_row public.conversations;
begin
  if other_user is null or other_user = v_uid then
    raise exception 'Pick someone else to message' using errcode = 'CO422';
  end if;
  if not exists (select 1 from public.profiles p where p.id = other_user and not p.is_banned) then
    raise exception 'User not found' using errcode = 'CO404';
  end if;
  insert into public.conversations (user_a, user_b) values (v_a, v_b)
  on conflict (user_a, user_b) do nothing
  returning * into v_row;
  if v_row.id is null then
    select c.* into v_row from public.conversations c where c.user_a = v_a and c.user_b = v_b;
  end if;
  return v_row;
end;
$$;

create function public.set_message_price(price integer) returns public.message_settings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_row public.message_settings;
begin
  if not exists (select 1 from public.profiles p where p.id = v_uid and p.role = 'creator') then
    raise exception 'Only creators set a message price' using errcode = 'CO403';
  end if;
  if price is null or price < 0 or price > 10000 then
    raise exception 'A message price is between 0 and 10000 tokens' using errcode = 'CO422';
  end if;
  insert into public.message_settings (creator_id, message_price) values (v_uid, price)
  on conflict (creator_id) do update set message_price = excluded.message_price, updated_at = now()
  returning * into v_row;
  return v_row;
end;
$$;

create function public.block_user(target uuid) returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
begin
  if target is null or target = v_uid then
    raise exception 'You cannot block yourself' using errcode = 'CO422';
  end if;
  if not exists (select 1 from public.profiles p where p.id = target) then
    raise exception 'User not found' using errcode = 'CO404';
  end if;
  insert into public.user_blocks (blocker_id, blocked_id) values (v_uid, target) on conflict do nothing;
  return true;
end;
$$;

create function public.unblock_user(target uuid) returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
begin
  delete from public.user_blocks b where b.blocker_id = v_uid and b.blocked_id = target;
  return found;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- sending
-- ---------------------------------------------------------------------------------------------------
-- kind text: body; media: an upload of the sender (upload_id) and optional caption; tip: amount tokens to a
-- creator through ledger.tip (the same split as profile tips) and optional body; ppv (creators only): an
-- upload locked behind amount tokens. A fan's text or media message to a creator with a message price is
-- charged in the same transaction. client_key makes a retry or double click return the first message.
-- Errors: CO404 (conversation), CO403 (blocked, banned, not a creator for ppv), CO402 (tokens),
-- CO422 (shape), CO410 (client_key reused for something else).
create function public.send_message(conversation_id uuid, kind text, body text, upload_id uuid,
  amount integer, client_key text)
returns public.messages
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_conv public.conversations;
  v_to uuid;
  v_body text := coalesce(btrim(body), '');
  v_existing public.messages;
  v_row public.messages;
  v_upload_id uuid;
  v_upload_type text;
  v_sender_role text;
  v_recipient_role text;
  v_price integer := 0;
  v_transfer bigint;
begin
  v_conv := private.own_conversation(send_message.conversation_id, v_uid);
  v_to := case when v_conv.user_a = v_uid then v_conv.user_b else v_conv.user_a end;
  if client_key is null or char_length(client_key) not between 1 and 100 then
    raise exception 'A client key of 1 to 100 characters is required' using errcode = 'CO422';
  end if;

  -- A retry of a send that already happened: the same message, nothing charged again.
  select m.* into v_existing from public.messages m where m.sender_id = v_uid and m.client_key = send_message.client_key;
  if v_existing.id is not null then
    if v_existing.conversation_id <> v_conv.id or v_existing.kind <> send_message.kind then
      raise exception 'This client key was already used for a different message' using errcode = 'CO410';
    end if;
    return v_existing;
  end if;

  if kind is null or kind not in ('text', 'media', 'tip', 'ppv') then
    raise exception 'Unknown message kind' using errcode = 'CO422';
  end if;
  if char_length(v_body) > 2000 then
    raise exception 'A message is at most 2000 characters' using errcode = 'CO422';
  end if;
  if kind = 'text' and v_body = '' then
    raise exception 'Write a message first' using errcode = 'CO422';
  end if;
  if exists (select 1 from public.user_blocks b where b.blocker_id = v_to and b.blocked_id = v_uid) then
    raise exception 'You cannot message this user' using errcode = 'CO403';
  end if;
  if exists (select 1 from public.user_blocks b where b.blocker_id = v_uid and b.blocked_id = v_to) then
    raise exception 'You blocked this user: unblock them to send a message' using errcode = 'CO409';
  end if;
  select p.role, (select q.role from public.profiles q where q.id = v_to and not q.is_banned)
    into v_sender_role, v_recipient_role from public.profiles p where p.id = v_uid;
  if v_recipient_role is null then
    raise exception 'This account cannot receive messages' using errcode = 'CO403';
  end if;

  if kind in ('media', 'ppv') then
    select u.id, u.content_type into v_upload_id, v_upload_type from private.uploads u
     where u.id = send_message.upload_id and u.owner_id = v_uid;
    if v_upload_id is null then
      raise exception 'Upload a file first (the upload was not found)' using errcode = 'CO422';
    end if;
  end if;
  if kind = 'ppv' then
    if v_sender_role <> 'creator' then
      raise exception 'Only creators send pay-per-view messages' using errcode = 'CO403';
    end if;
    if amount is null or amount < 1 or amount > 10000 then
      raise exception 'A pay-per-view price is between 1 and 10000 tokens' using errcode = 'CO422';
    end if;
    v_price := amount;
  elsif kind = 'tip' then
    if v_recipient_role <> 'creator' then
      raise exception 'Tips go to creators' using errcode = 'CO422';
    end if;
    select t.transfer_id into v_transfer
      from ledger.tip(v_uid, v_to, amount, nullif(v_body, ''), 'msg:' || send_message.client_key) t;
    v_price := amount;
  elsif v_recipient_role = 'creator' and v_sender_role = 'fan' then
    select s.message_price into v_price from public.message_settings s where s.creator_id = v_to;
    v_price := coalesce(v_price, 0);
    if v_price > 0 then
      v_transfer := private.charge_for_message(v_uid, v_to, v_price, 'message:' || v_uid::text,
        send_message.client_key,
        jsonb_build_object('purpose', 'premium_message', 'conversation_id', v_conv.id, 'payer_id', v_uid,
                           'creator_id', v_to, 'price', v_price));
    end if;
  end if;

  insert into public.messages (conversation_id, sender_id, recipient_id, kind, body, media_url, media_type,
                               media_upload_id, price, transfer_id, client_key)
  values (v_conv.id, v_uid, v_to, kind, v_body,
          case when kind = 'media' then '/api/uploads/' || v_upload_id::text end,
          case when kind = 'media' then v_upload_type end,
          case when kind = 'media' then v_upload_id end,
          v_price, v_transfer, send_message.client_key)
  on conflict on constraint messages_client_key_unique do nothing
  returning * into v_row;
  if v_row.id is null then
    -- A concurrent send with the same key committed first (its charge was the one that counted).
    select m.* into v_row from public.messages m where m.sender_id = v_uid and m.client_key = send_message.client_key;
    return v_row;
  end if;
  if kind = 'ppv' then
    insert into private.ppv_media (message_id, media_url, media_type, upload_id)
    values (v_row.id, '/api/uploads/' || v_upload_id::text, v_upload_type, v_upload_id);
  end if;
  update public.conversations c set last_message_at = v_row.created_at where c.id = v_conv.id;
  return v_row;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- pay-per-view: unlock and unsend
-- ---------------------------------------------------------------------------------------------------
-- Unlocks a PPV message for its recipient (the caller) and returns its media. Idempotent: a second unlock
-- (sequential or concurrent — the message row lock serialises them) charges nothing and returns the media.
create function public.unlock_message(message_id uuid)
returns table (media_url text, media_type text, transfer_id bigint, replayed boolean)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := private.require_active_user();
  v_msg public.messages;
  v_unlock private.message_unlocks;
  v_transfer bigint;
begin
  select m.* into v_msg from public.messages m where m.id = unlock_message.message_id for update;
  if v_msg.id is null or v_uid not in (v_msg.sender_id, v_msg.recipient_id) then
    raise exception 'Message not found' using errcode = 'CO404';
  end if;
  if v_msg.kind <> 'ppv' then
    raise exception 'This message is not locked' using errcode = 'CO422';
  end if;
  if v_msg.sender_id = v_uid then
    raise exception 'You sent this message; it is already yours' using errcode = 'CO422';
  end if;
  select u.* into v_unlock from private.message_unlocks u where u.message_id = v_msg.id and u.user_id = v_uid;
  if v_unlock.transfer_id is null then
    if v_msg.unsent_at is not null then
      raise exception 'Message not found' using errcode = 'CO404';
    end if;
    if exists (select 1 from public.user_blocks b
                where (b.blocker_id = v_msg.sender_id and b.blocked_id = v_uid)
                   or (b.blocker_id = v_uid and b.blocked_id = v_msg.sender_id)) then
      raise exception 'You cannot unlock messages in a blocked conversation' using errcode = 'CO403';
    end if;
    v_transfer := private.charge_for_message(v_uid, v_msg.sender_id, v_msg.price, 'unlock:' || v_uid::text,
      v_msg.id::text,
      jsonb_build_object('purpose', 'ppv_unlock', 'message_id', v_msg.id, 'payer_id', v_uid,
                         'creator_id', v_msg.sender_id, 'price', v_msg.price));
    insert into private.message_unlocks (message_id, user_id, transfer_id) values (v_msg.id, v_uid, v_transfer);
  end if;
  return query
    select p.media_url, p.media_type, coalesce(v_unlock.transfer_id, v_transfer), v_unlock.transfer_id is not null
      from private.ppv_media p where p.message_id = v_msg.id;
end;
$$;

-- The sender withdraws a PPV message. It disappears for a recipient who has not paid (who can then no
-- longer unlock it); one who paid keeps it. Returns whether it was hidden from the recipient.
create function public.unsend_message(message_id uuid)
returns table (unsent boolean, hidden_from_recipient boolean)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := private.require_active_user();
  v_msg public.messages;
  v_paid boolean;
begin
  select m.* into v_msg from public.messages m where m.id = unsend_message.message_id for update;
  if v_msg.id is null or v_uid not in (v_msg.sender_id, v_msg.recipient_id) then
    raise exception 'Message not found' using errcode = 'CO404';
  end if;
  if v_msg.sender_id <> v_uid then
    raise exception 'Only the sender can unsend a message' using errcode = 'CO403';
  end if;
  if v_msg.kind <> 'ppv' then
    raise exception 'Only pay-per-view messages can be unsent' using errcode = 'CO422';
  end if;
  v_paid := exists (select 1 from private.message_unlocks u where u.message_id = v_msg.id);
  update public.messages m set unsent_at = coalesce(m.unsent_at, clock_timestamp()) where m.id = v_msg.id;
  return query select true, not v_paid;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- reading
-- ---------------------------------------------------------------------------------------------------
create function public.mark_messages_as_read(conversation_id uuid)
returns table (marked integer, read_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := private.require_active_user();
  v_now timestamptz := clock_timestamp();
  v_n integer;
begin
  perform private.own_conversation(mark_messages_as_read.conversation_id, v_uid);
  update public.messages m set read_at = v_now
   where m.conversation_id = mark_messages_as_read.conversation_id and m.recipient_id = v_uid and m.read_at is null;
  get diagnostics v_n = row_count;
  return query select v_n, v_now;
end;
$$;

-- Messages to the caller they have not read (withdrawn PPV messages they never paid for do not count).
create function public.get_unread_count() returns bigint
language sql
stable
security definer
set search_path = ''
as $$
  select count(*) from public.messages m
   where m.recipient_id = (select auth.uid()) and m.read_at is null and m.unsent_at is null
$$;

-- The caller's conversations, newest activity first (keyset: before = the last row's sort time); only_id
-- picks one of them.
create function public.list_conversations(max_rows integer default 30, before timestamptz default null,
  only_id uuid default null)
returns table (id uuid, other_id uuid, other_username text, other_display_name text, other_avatar_url text,
  other_role text, other_message_price integer, last_message_at timestamptz, last_kind text, last_body text,
  last_sender_id uuid, unread bigint, blocked_by_me boolean)
language sql
stable
security definer
set search_path = ''
as $$
  with me as (select (select auth.uid()) as uid)
  select c.id, o.id, o.username, o.display_name, o.avatar_url, o.role, coalesce(s.message_price, 0),
         coalesce(c.last_message_at, c.created_at), lm.kind, left(lm.body, 140), lm.sender_id,
         (select count(*) from public.messages u
           where u.conversation_id = c.id and u.recipient_id = me.uid and u.read_at is null and u.unsent_at is null),
         exists (select 1 from public.user_blocks b where b.blocker_id = me.uid and b.blocked_id = o.id)
    from me
    join public.conversations c on me.uid in (c.user_a, c.user_b)
    join public.profiles o on o.id = case when c.user_a = me.uid then c.user_b else c.user_a end
    left join public.message_settings s on s.creator_id = o.id
    left join lateral (
      select m.kind, m.body, m.sender_id from public.messages m
       where m.conversation_id = c.id
         and (m.sender_id = me.uid or m.unsent_at is null
              or exists (select 1 from private.message_unlocks x where x.message_id = m.id and x.user_id = me.uid))
       order by m.created_at desc, m.id desc limit 1) lm on true
   where (before is null or coalesce(c.last_message_at, c.created_at) < before)
     and (only_id is null or c.id = only_id)
   order by coalesce(c.last_message_at, c.created_at) desc, c.id desc
   limit least(greatest(coalesce(max_rows, 30), 1), 100)
$$;

-- One page of a conversation, newest first (keyset on (created_at, id)). A PPV message's media is returned
-- only to its sender and to a recipient who unlocked it; others get locked = true and no URL.
create function public.list_messages(conversation_id uuid, before_at timestamptz default null,
  before_id uuid default null, max_rows integer default 30)
returns table (id uuid, sender_id uuid, recipient_id uuid, kind text, body text, media_url text, media_type text,
  price integer, created_at timestamptz, read_at timestamptz, unsent_at timestamptz, locked boolean, unlocked boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_uid uuid := private.require_active_user();
begin
  perform private.own_conversation(list_messages.conversation_id, v_uid);
  return query
    select m.id, m.sender_id, m.recipient_id, m.kind, m.body,
           case when m.kind <> 'ppv' then m.media_url
                when m.sender_id = v_uid or x.user_id is not null then p.media_url end,
           case when m.kind <> 'ppv' then m.media_type
                when m.sender_id = v_uid or x.user_id is not null then p.media_type end,
           m.price, m.created_at, m.read_at, m.unsent_at,
           m.kind = 'ppv' and m.sender_id <> v_uid and x.user_id is null,
           x.user_id is not null
      from public.messages m
      left join private.message_unlocks x on x.message_id = m.id and x.user_id = v_uid
      left join private.ppv_media p on p.message_id = m.id
     where m.conversation_id = list_messages.conversation_id
       and (m.sender_id = v_uid or m.unsent_at is null or x.user_id is not null)
       and (before_at is null or (m.created_at, m.id) < (before_at, coalesce(before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)))
     order by m.created_at desc, m.id desc
     limit least(greatest(coalesce(max_rows, 30), 1), 100);
end;
$$;

-- Whether the caller may download an upload: its owner, or a participant who can see a message carrying
-- it (for a PPV message: the sender, or a recipient who unlocked it).
create function public.can_read_upload(upload_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from private.uploads u where u.id = upload_id and u.owner_id = (select auth.uid()))
      or exists (select 1 from public.messages m
                  where m.media_upload_id = upload_id and m.kind = 'media'
                    and (select auth.uid()) in (m.sender_id, m.recipient_id))
      or exists (select 1 from private.ppv_media p join public.messages m on m.id = p.message_id
                  where p.upload_id = can_read_upload.upload_id
                    and (m.sender_id = (select auth.uid())
                         or exists (select 1 from private.message_unlocks x
                                     where x.message_id = m.id and x.user_id = (select auth.uid()))))
$$;

revoke all on function
  public.get_or_create_conversation(uuid),
  public.set_message_price(integer),
  public.block_user(uuid),
  public.unblock_user(uuid),
  public.send_message(uuid, text, text, uuid, integer, text),
  public.unlock_message(uuid),
  public.unsend_message(uuid),
  public.mark_messages_as_read(uuid),
  public.get_unread_count(),
  public.list_conversations(integer, timestamptz, uuid),
  public.list_messages(uuid, timestamptz, uuid, integer),
  public.can_read_upload(uuid)
  from public, anon;
grant execute on function
  public.get_or_create_conversation(uuid),
  public.set_message_price(integer),
  public.block_user(uuid),
  public.unblock_user(uuid),
  public.send_message(uuid, text, text, uuid, integer, text),
  public.unlock_message(uuid),
  public.unsend_message(uuid),
  public.mark_messages_as_read(uuid),
  public.get_unread_count(),
  public.list_conversations(integer, timestamptz, uuid),
  public.list_messages(uuid, timestamptz, uuid, integer),
  public.can_read_upload(uuid)
  to authenticated, service_role;
