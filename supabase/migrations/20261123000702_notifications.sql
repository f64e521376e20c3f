-- Notifications: in-app rows (kind, actor, target, read_at) the user reads through RLS, per-user preferences
-- (in-app / email per kind), and the bookkeeping of "new message while offline" emails (at most one per
-- conversation and recipient per hour). Rows are written by the server (service role) through private.notify.

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null constraint notifications_kind check (kind in
    ('message', 'tip', 'ppv_unlock', 'purchase', 'call_missed', 'creator_application')),
  actor_id uuid references public.profiles (id) on delete set null,
  target_type text constraint notifications_target_type check (target_type is null or target_type ~ '^[a-z_]{1,40}$'),
  target_id text constraint notifications_target_id check (target_id is null or char_length(target_id) <= 200),
  title text not null constraint notifications_title check (char_length(title) between 1 and 200),
  body text not null default '' constraint notifications_body check (char_length(body) <= 1000),
  link text constraint notifications_link check (link is null or link ~ '^/[^/]'),
  created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  read_at timestamptz
);
comment on column public.notifications.link is 'An in-app path (never an external URL) the bell opens.';
create index notifications_user_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;

alter table public.notifications enable row level security;
revoke all on public.notifications from anon, authenticated;
grant select on public.notifications to authenticated;
grant all on public.notifications to service_role;
create policy notifications_select_own on public.notifications for select to authenticated
  using (user_id = (select auth.uid()));

create table public.notification_preferences (
  user_id uuid not null references public.profiles (id) on delete cascade,
  kind text not null constraint notification_preferences_kind check (kind in
    ('message', 'tip', 'ppv_unlock', 'purchase', 'call_missed', 'creator_application')),
  in_app boolean not null,
  email boolean not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, kind)
);
comment on table public.notification_preferences is 'Overrides of the defaults in private.notification_defaults(); no row = default.';

alter table public.notification_preferences enable row level security;
revoke all on public.notification_preferences from anon, authenticated;
grant select, delete on public.notification_preferences to authenticated;
grant insert (user_id, kind, in_app, email) on public.notification_preferences to authenticated;
grant update (in_app, email, updated_at) on public.notification_preferences to authenticated;
grant all on public.notification_preferences to service_role;
create policy notification_preferences_select_own on public.notification_preferences for select to authenticated
  using (user_id = (select auth.uid()));
create policy notification_preferences_insert_own on public.notification_preferences for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy notification_preferences_update_own on public.notification_preferences for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy notification_preferences_delete_own on public.notification_preferences for delete to authenticated
  using (user_id = (select auth.uid()));

-- Defaults when the user has not chosen: everything in-app; email for the kinds people expect by email.
create function private.notification_defaults()
returns table (kind text, in_app boolean, email boolean)
language sql
immutable
set search_path = ''
as $$
  values ('message', true, true), ('tip', true, false), ('ppv_unlock', true, false),
         ('purchase', true, true), ('call_missed', true, true), ('creator_application', true, true)
$$;
revoke all on function private.notification_defaults() from public, anon;
grant execute on function private.notification_defaults() to authenticated, service_role;

-- The caller's effective preferences (defaults merged with their choices).
create function public.my_notification_preferences()
returns table (kind text, in_app boolean, email boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select d.kind, coalesce(p.in_app, d.in_app), coalesce(p.email, d.email)
    from private.notification_defaults() d
    left join public.notification_preferences p on p.user_id = (select auth.uid()) and p.kind = d.kind
   order by d.kind
$$;

create function private.notification_wants(p_user uuid, p_kind text, out in_app boolean, out email boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(p.in_app, d.in_app), coalesce(p.email, d.email)
    from private.notification_defaults() d
    left join public.notification_preferences p on p.user_id = p_user and p.kind = d.kind
   where d.kind = p_kind
$$;

-- Adds an in-app notification when the user wants this kind in-app; returns its id, or null when not.
create function private.notify(p_user uuid, p_kind text, p_actor uuid, p_target_type text, p_target_id text,
  p_title text, p_body text, p_link text)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if not coalesce((select w.in_app from private.notification_wants(p_user, p_kind) w), false) then
    return null;
  end if;
  insert into public.notifications (user_id, kind, actor_id, target_type, target_id, title, body, link)
  values (p_user, p_kind, p_actor, p_target_type, p_target_id, left(p_title, 200), left(coalesce(p_body, ''), 1000), p_link)
  returning id into v_id;
  return v_id;
end;
$$;

create function public.mark_notifications_read(ids uuid[] default null) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_active_user();
  v_n integer;
begin
  update public.notifications n set read_at = clock_timestamp()
   where n.user_id = v_uid and n.read_at is null and (ids is null or n.id = any (ids));
  get diagnostics v_n = row_count;
  return v_n;
end;
$$;

-- ---------------------------------------------------------------------------------------------------
-- "new message while offline" emails
-- ---------------------------------------------------------------------------------------------------
create table private.message_email_log (
  conversation_id uuid not null references public.conversations (id) on delete cascade,
  recipient_id uuid not null references public.profiles (id) on delete cascade,
  last_sent_at timestamptz not null,
  -- The newest message the last email covered: later unread messages are news for the next one.
  covered_until timestamptz not null,
  primary key (conversation_id, recipient_id)
);
revoke all on private.message_email_log from public, anon, authenticated;
grant all on private.message_email_log to service_role;

-- Conversations with messages the recipient has not read for p_grace (at p_now), newer than what the
-- last email about that conversation covered, where no email went out in the hour before p_now and the recipient
-- wants message emails. The caller still checks presence (offline) and then claims with
-- private.claim_message_email, which enforces the hour atomically.
create function private.due_message_emails(p_now timestamptz, p_grace interval default interval '2 minutes')
returns table (conversation_id uuid, recipient_id uuid, email text, recipient_name text, sender_name text,
  unread bigint, first_unread_at timestamptz, last_unread_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select m.conversation_id, m.recipient_id, u.email::text, r.display_name,
         (array_agg(s.display_name order by m.created_at desc))[1], count(*), min(m.created_at), max(m.created_at)
    from public.messages m
    join auth.users u on u.id = m.recipient_id
    join public.profiles r on r.id = m.recipient_id and not r.is_banned
    join public.profiles s on s.id = m.sender_id
    left join private.message_email_log l on l.conversation_id = m.conversation_id and l.recipient_id = m.recipient_id
   where m.read_at is null and m.unsent_at is null
     and m.created_at <= p_now - p_grace
     and m.created_at > coalesce(l.covered_until, '-infinity'::timestamptz)
     and (l.last_sent_at is null or l.last_sent_at <= p_now - interval '1 hour')
     and u.email is not null
     and coalesce((select w.email from private.notification_wants(m.recipient_id, 'message') w), false)
   group by m.conversation_id, m.recipient_id, u.email, r.display_name
   order by min(m.created_at)
   limit 500
$$;

-- Records an email for (conversation, recipient) at p_now covering messages up to p_covered_until, unless
-- one went out in the hour before: true when this caller may send. Concurrent claims serialise on the
-- row; only one wins per hour.
create function private.claim_message_email(p_conversation uuid, p_recipient uuid, p_now timestamptz,
  p_covered_until timestamptz)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_ok boolean;
begin
  insert into private.message_email_log as l (conversation_id, recipient_id, last_sent_at, covered_until)
  values (p_conversation, p_recipient, p_now, p_covered_until)
  on conflict (conversation_id, recipient_id) do update
    set last_sent_at = excluded.last_sent_at, covered_until = greatest(l.covered_until, excluded.covered_until)
   where l.last_sent_at <= excluded.last_sent_at - interval '1 hour'
  returning true into v_ok;
  return coalesce(v_ok, false);
end;
$$;

revoke all on function
  public.my_notification_preferences(),
  public.mark_notifications_read(uuid[])
  from public, anon;
grant execute on function
  public.my_notification_preferences(),
  public.mark_notifications_read(uuid[])
  to authenticated, service_role;
revoke all on function
  private.notification_wants(uuid, text),
  private.notify(uuid, text, uuid, text, text, text, text, text),
  private.due_message_emails(timestamptz, interval),
  private.claim_message_email(uuid, uuid, timestamptz, timestamptz)
  from public, anon, authenticated;
grant execute on function
  private.notification_wants(uuid, text),
  private.notify(uuid, text, uuid, text, text, text, text, text),
  private.due_message_emails(timestamptz, interval),
  private.claim_message_email(uuid, uuid, timestamptz, timestamptz)
  to service_role;
