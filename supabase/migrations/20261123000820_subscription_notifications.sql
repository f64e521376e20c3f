-- Subscription notices in-app as well as by email: a renewal that could not be paid (grace) and a tier's
-- price change. One new notification kind, 'subscription', on by default in-app and by email (both are
-- about money the fan is about to pay or lose access for).

alter table public.notifications drop constraint notifications_kind;
alter table public.notifications add constraint notifications_kind check (kind in
  ('message', 'tip', 'ppv_unlock', 'purchase', 'call_missed', 'creator_application', 'subscription'));

alter table public.notification_preferences drop constraint notification_preferences_kind;
alter table public.notification_preferences add constraint notification_preferences_kind check (kind in
  ('message', 'tip', 'ppv_unlock', 'purchase', 'call_missed', 'creator_application', 'subscription'));

create or replace function private.notification_defaults()
returns table (kind text, in_app boolean, email boolean)
language sql
immutable
set search_path = ''
as $$
  values ('message', true, true), ('tip', true, false), ('ppv_unlock', true, false),
         ('purchase', true, true), ('call_missed', true, true), ('creator_application', true, true),
         ('subscription', true, true)
$$;
