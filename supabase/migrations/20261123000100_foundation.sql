-- Foundation: profiles (one per auth user), admin helpers and audit log, and the private tables the
-- server uses (sessions, app logs, email outbox). Runs unchanged on Supabase and on the local shims.

create schema if not exists private;
revoke all on schema private from public, anon;
-- authenticated may call the helper functions policies use (not read private tables).
grant usage on schema private to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- profiles
-- ---------------------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  username text not null unique
    constraint profiles_username_format check (username ~ '^[a-z0-9_]{3,30}$'),
  display_name text not null
    constraint profiles_display_name_length check (char_length(btrim(display_name)) between 1 and 60),
  bio text not null default ''
    constraint profiles_bio_length check (char_length(bio) <= 500),
  avatar_url text
    constraint profiles_avatar_url_format check (avatar_url is null or (avatar_url ~ '^https?://' and char_length(avatar_url) <= 500)),
  -- staff = the creator managers and support people; the app role is read from here, never from a cookie.
  role text not null default 'fan'
    constraint profiles_role_valid check (role in ('fan', 'creator', 'staff', 'admin')),
  is_banned boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on column public.profiles.role is 'App role; changed only through public.admin_set_role().';
comment on column public.profiles.is_banned is 'Banned users cannot sign in; changed only through public.admin_set_banned().';

create index profiles_role_idx on public.profiles (role) where not is_banned;
create index profiles_created_at_idx on public.profiles (created_at);

alter table public.profiles enable row level security;

-- Supabase grants everything on new public tables to the API roles; take it back and grant deliberately.
revoke all on public.profiles from anon, authenticated;
grant select on public.profiles to anon, authenticated;
grant update (username, display_name, bio, avatar_url) on public.profiles to authenticated;
grant all on public.profiles to service_role;

create policy profiles_select_all on public.profiles for select to anon, authenticated using (true);
create policy profiles_update_own on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

create function private.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
revoke execute on function private.touch_updated_at() from public;

create trigger profiles_touch_updated_at before update on public.profiles
  for each row execute function private.touch_updated_at();

-- The Supabase pattern: a profile is created with the auth user, from the sign-up metadata.
create function private.handle_new_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  meta jsonb := coalesce(new.raw_user_meta_data, '{}'::jsonb);
  uname text := lower(nullif(btrim(meta ->> 'username'), ''));
begin
  if uname is null then
    uname := 'user_' || substr(replace(new.id::text, '-', ''), 1, 12);
  end if;
  insert into public.profiles (id, username, display_name, avatar_url)
  values (
    new.id,
    uname,
    coalesce(nullif(btrim(meta ->> 'display_name'), ''), uname),
    nullif(meta ->> 'avatar_url', '')
  );
  return new;
end;
$$;
revoke execute on function private.handle_new_user() from public;

create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();

-- ---------------------------------------------------------------------------------------------------
-- role helpers for policies (SECURITY DEFINER so a policy on profiles can ask without recursing)
-- ---------------------------------------------------------------------------------------------------
create function private.current_role_name() returns text
language sql
stable
security definer
set search_path = ''
as $$
  select p.role from public.profiles p where p.id = (select auth.uid()) and not p.is_banned
$$;
revoke execute on function private.current_role_name() from public, anon;
grant execute on function private.current_role_name() to authenticated, service_role;

create function private.is_admin() returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce((select private.current_role_name()) = 'admin', false)
$$;
revoke execute on function private.is_admin() from public, anon;
grant execute on function private.is_admin() to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- admin audit log (append-only: written by the admin functions, read by admins)
-- ---------------------------------------------------------------------------------------------------
create table public.admin_audit_log (
  id bigint generated always as identity primary key,
  actor_id uuid references public.profiles (id) on delete set null,
  action text not null,
  target_id uuid references public.profiles (id) on delete set null,
  reason text not null,
  before jsonb,
  after jsonb,
  created_at timestamptz not null default now()
);
create index admin_audit_log_created_at_idx on public.admin_audit_log (created_at desc);
create index admin_audit_log_target_idx on public.admin_audit_log (target_id);

alter table public.admin_audit_log enable row level security;
revoke all on public.admin_audit_log from anon, authenticated, service_role;
grant select on public.admin_audit_log to authenticated;
grant select, insert on public.admin_audit_log to service_role;
create policy admin_audit_log_select_admin on public.admin_audit_log for select to authenticated
  using ((select private.is_admin()));

create function private.forbid_audit_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'admin_audit_log is append-only' using errcode = 'CO403';
end;
$$;
revoke execute on function private.forbid_audit_change() from public;
create trigger admin_audit_log_append_only before update or delete on public.admin_audit_log
  for each row execute function private.forbid_audit_change();
create trigger admin_audit_log_no_truncate before truncate on public.admin_audit_log
  for each statement execute function private.forbid_audit_change();

-- ---------------------------------------------------------------------------------------------------
-- private: sessions (local auth), app logs, email outbox
-- ---------------------------------------------------------------------------------------------------
create table private.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  user_agent text,
  ip text
);
comment on table private.sessions is 'Local-auth sessions; a JWT is honoured only while its row is live.';
create index sessions_user_idx on private.sessions (user_id) where revoked_at is null;
create index sessions_expires_idx on private.sessions (expires_at);

create table private.app_logs (
  id bigint generated always as identity primary key,
  level text not null check (level in ('debug', 'info', 'warn', 'error')),
  source text not null,
  message text not null,
  context jsonb not null default '{}'::jsonb,
  request_id text,
  created_at timestamptz not null default now()
);
create index app_logs_created_at_idx on private.app_logs (created_at desc);
create index app_logs_level_idx on private.app_logs (level, created_at desc);

create table private.email_outbox (
  id bigint generated always as identity primary key,
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text,
  tag text,
  created_at timestamptz not null default now()
);
create index email_outbox_created_at_idx on private.email_outbox (created_at desc);

revoke all on all tables in schema private from public, anon, authenticated;
grant select, insert, update, delete on private.sessions, private.app_logs, private.email_outbox to service_role;

-- ---------------------------------------------------------------------------------------------------
-- admin functions: the only way to change role / is_banned; each writes an audit row.
-- Errors use SQLSTATE CO4xx, mapped to the HTTP error contract in lib/http/errors.ts.
-- ---------------------------------------------------------------------------------------------------
create function public.admin_set_role(target uuid, new_role text, reason text) returns public.profiles
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  old public.profiles;
  updated public.profiles;
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can change roles' using errcode = 'CO403';
  end if;
  if new_role is null or new_role not in ('fan', 'creator', 'staff', 'admin') then
    raise exception 'Unknown role %', new_role using errcode = 'CO422';
  end if;
  if reason is null or char_length(btrim(reason)) < 3 then
    raise exception 'A reason of at least 3 characters is required' using errcode = 'CO422';
  end if;
  if target = actor then
    raise exception 'Admins cannot change their own role' using errcode = 'CO409';
  end if;
  select * into old from public.profiles where id = target for update;
  if not found then
    raise exception 'No such user' using errcode = 'CO404';
  end if;
  update public.profiles set role = new_role where id = target returning * into updated;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values (actor, 'profile.role', target, btrim(reason),
          jsonb_build_object('role', old.role), jsonb_build_object('role', updated.role));
  return updated;
end;
$$;
revoke execute on function public.admin_set_role(uuid, text, text) from public, anon;
grant execute on function public.admin_set_role(uuid, text, text) to authenticated;

create function public.admin_set_banned(target uuid, banned boolean, reason text) returns public.profiles
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  old public.profiles;
  updated public.profiles;
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can ban or unban' using errcode = 'CO403';
  end if;
  if banned is null then
    raise exception 'banned must be true or false' using errcode = 'CO422';
  end if;
  if reason is null or char_length(btrim(reason)) < 3 then
    raise exception 'A reason of at least 3 characters is required' using errcode = 'CO422';
  end if;
  if target = actor then
    raise exception 'Admins cannot ban themselves' using errcode = 'CO409';
  end if;
  select * into old from public.profiles where id = target for update;
  if not found then
    raise exception 'No such user' using errcode = 'CO404';
  end if;
  update public.profiles set is_banned = banned where id = target returning * into updated;
  if banned then
    -- A ban ends every session at once (local auth); Supabase sessions are refused by the profile check.
    update private.sessions set revoked_at = now() where user_id = target and revoked_at is null;
  end if;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values (actor, case when banned then 'profile.ban' else 'profile.unban' end, target, btrim(reason),
          jsonb_build_object('is_banned', old.is_banned), jsonb_build_object('is_banned', updated.is_banned));
  return updated;
end;
$$;
revoke execute on function public.admin_set_banned(uuid, boolean, text) from public, anon;
grant execute on function public.admin_set_banned(uuid, boolean, text) to authenticated;

-- Admins read the latest server errors through this function (private.app_logs stays unreachable).
create function public.admin_recent_logs(max_rows integer default 20, min_level text default 'warn')
returns table (id bigint, level text, source text, message text, context jsonb, request_id text, created_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (select private.is_admin()) then
    raise exception 'Only an admin can read the logs' using errcode = 'CO403';
  end if;
  return query
    select l.id, l.level, l.source, l.message, l.context, l.request_id, l.created_at
    from private.app_logs l
    where case min_level when 'error' then l.level = 'error'
                         when 'warn' then l.level in ('warn', 'error')
                         when 'info' then l.level in ('info', 'warn', 'error')
                         else true end
    order by l.created_at desc, l.id desc
    limit least(greatest(coalesce(max_rows, 20), 1), 200);
end;
$$;
revoke execute on function public.admin_recent_logs(integer, text) from public, anon;
grant execute on function public.admin_recent_logs(integer, text) to authenticated;
