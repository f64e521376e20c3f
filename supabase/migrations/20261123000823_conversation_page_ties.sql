-- Conversation pages continue from (last activity, id), not from the time alone: two conversations whose
-- last activity falls in the same millisecond no longer lose the second one at a page boundary.
-- before_id is a new last parameter (the old signature is dropped); without it a page continues as before.
drop function public.list_conversations(integer, timestamptz, uuid);

create function public.list_conversations(max_rows integer default 30, before timestamptz default null,
  only_id uuid default null, before_id uuid default null)
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
   where (before is null
          or (coalesce(c.last_message_at, c.created_at), c.id)
             < (before, coalesce(before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)))
     and (only_id is null or c.id = only_id)
   order by coalesce(c.last_message_at, c.created_at) desc, c.id desc
   limit least(greatest(coalesce(max_rows, 30), 1), 100)
$$;

revoke execute on function public.list_conversations(integer, timestamptz, uuid, uuid) from public, anon;
grant execute on function public.list_conversations(integer, timestamptz, uuid, uuid) to authenticated, service_role;
