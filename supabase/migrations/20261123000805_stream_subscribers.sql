-- Subscriber-only streams open to subscribers. The one stream access rule (private.can_view_stream) was
-- written before subscriptions existed and let only the creator into a subscriber-only stream; now any
-- live subscription to the creator (any tier; active, cancelled within its paid month, or in grace) also
-- lets a fan in. Policies, video tokens, chat, tips and the realtime channel all call this function.
create or replace function private.can_view_stream(p_stream_id uuid, p_user_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((
    select s.creator_id = p_user_id
        or (exists (select 1 from public.profiles p where p.id = p_user_id and not p.is_banned)
            and (not s.subscriber_only
                 or private.subscription_level(p_user_id, s.creator_id, now()) > 0))
      from public.live_streams s
     where s.id = p_stream_id), false)
$$;
