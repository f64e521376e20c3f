-- Staff dashboard, guild access: a Discord guild connected to CommunityOS has a name, an IANA timezone
-- (its dashboard's days start at local midnight) and an owner (the creator who connected it). The owner
-- or an admin assigns staff. Who may view a guild's dashboard: admins (all guilds), the owning creator,
-- and staff assigned to it. Everything the dashboard reads goes through private.can_view_guild().

create or replace function private.is_iana_timezone(tz text) returns boolean
language sql
stable
set search_path = ''
as $$
  select tz is not null and exists (select 1 from pg_catalog.pg_timezone_names n where n.name = tz)
$$;
revoke execute on function private.is_iana_timezone(text) from public;
grant execute on function private.is_iana_timezone(text) to authenticated, service_role;

create table public.guilds (
  guild_id text primary key constraint guilds_id_format check (guild_id ~ '^[0-9]{5,25}$'),
  name text not null constraint guilds_name_length check (char_length(btrim(name)) between 1 and 100),
  timezone text not null default 'UTC',
  owner_id uuid references public.profiles (id) on delete set null,
  connected_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.guilds is 'Discord guilds connected to the dashboard; written only through the dash_* functions.';
comment on column public.guilds.timezone is 'IANA zone; every dashboard day, week and range of this guild is in it.';
create index guilds_owner_idx on public.guilds (owner_id);

create trigger guilds_touch_updated_at before update on public.guilds
  for each row execute function private.touch_updated_at();

create table public.guild_staff (
  guild_id text not null references public.guilds (guild_id) on delete cascade,
  staff_id uuid not null references public.profiles (id) on delete cascade,
  assigned_by uuid references public.profiles (id) on delete set null,
  assigned_at timestamptz not null default now(),
  primary key (guild_id, staff_id)
);
create index guild_staff_staff_idx on public.guild_staff (staff_id);

-- ---------------------------------------------------------------------------------------------------
-- access helpers (SECURITY DEFINER so policies can ask without recursing into RLS)
-- ---------------------------------------------------------------------------------------------------
create function private.can_view_guild(g text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case (select private.current_role_name())
    when 'admin' then exists (select 1 from public.guilds x where x.guild_id = g)
    when 'creator' then exists (select 1 from public.guilds x where x.guild_id = g and x.owner_id = (select auth.uid()))
    when 'staff' then exists (
      select 1 from public.guild_staff s join public.guilds x on x.guild_id = s.guild_id
       where s.guild_id = g and s.staff_id = (select auth.uid()))
    else false
  end
$$;
revoke execute on function private.can_view_guild(text) from public, anon;
grant execute on function private.can_view_guild(text) to authenticated, service_role;

create function private.can_manage_guild(g text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case (select private.current_role_name())
    when 'admin' then exists (select 1 from public.guilds x where x.guild_id = g)
    when 'creator' then exists (select 1 from public.guilds x where x.guild_id = g and x.owner_id = (select auth.uid()))
    else false
  end
$$;
revoke execute on function private.can_manage_guild(text) from public, anon;
grant execute on function private.can_manage_guild(text) to authenticated, service_role;

-- Raises unless the caller may view guild g: CO401 without a user, CO403 otherwise (the same answer
-- whether or not the guild exists, so ids cannot be probed).
create function private.assert_can_view_guild(g text) returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null then
    raise exception 'Sign in to continue' using errcode = 'CO401';
  end if;
  if not coalesce((select private.can_view_guild(g)), false) then
    raise exception 'You do not have access to this guild' using errcode = 'CO403';
  end if;
end;
$$;
revoke execute on function private.assert_can_view_guild(text) from public, anon;
grant execute on function private.assert_can_view_guild(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- RLS: read-only for the API roles; every write is a function below.
-- ---------------------------------------------------------------------------------------------------
alter table public.guilds enable row level security;
alter table public.guild_staff enable row level security;
revoke all on public.guilds, public.guild_staff from anon, authenticated;
grant select on public.guilds, public.guild_staff to authenticated;
grant all on public.guilds, public.guild_staff to service_role;

create policy guilds_select_viewer on public.guilds for select to authenticated
  using ((select private.can_view_guild(guild_id)));
create policy guild_staff_select_viewer on public.guild_staff for select to authenticated
  using ((select private.can_view_guild(guild_id)));

-- ---------------------------------------------------------------------------------------------------
-- connecting a guild. A creator may claim a guild the bot has seen (discord.guild_settings) when their
-- linked Discord account is a member of it and nobody owns it yet. An admin may connect any guild the bot
-- has seen, for any creator (p_owner), and reassign owners (audited).
-- ---------------------------------------------------------------------------------------------------
create function public.dash_connect_guild(p_guild_id text, p_name text, p_timezone text, p_owner uuid default null)
returns public.guilds
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  my_role text := (select private.current_role_name());
  owner uuid;
  g public.guilds;
  prev uuid;
begin
  if me is null then
    raise exception 'Sign in to continue' using errcode = 'CO401';
  end if;
  if my_role not in ('creator', 'admin') then
    raise exception 'Only creators and admins can connect a guild' using errcode = 'CO403';
  end if;
  if p_guild_id is null or p_guild_id !~ '^[0-9]{5,25}$' then
    raise exception 'A Discord guild id is a number of 5 to 25 digits' using errcode = 'CO422';
  end if;
  if p_name is null or char_length(btrim(p_name)) not between 1 and 100 then
    raise exception 'The guild name must be 1 to 100 characters' using errcode = 'CO422';
  end if;
  if not private.is_iana_timezone(coalesce(p_timezone, 'UTC')) then
    raise exception 'Unknown timezone %: use an IANA name such as Europe/Paris', p_timezone using errcode = 'CO422';
  end if;
  if not exists (select 1 from discord.guild_settings s where s.guild_id = p_guild_id) then
    raise exception 'The bot has not seen that guild yet. Add the bot to the server and run a command there first.'
      using errcode = 'CO404';
  end if;

  if my_role = 'admin' then
    owner := coalesce(p_owner, me);
    if not exists (select 1 from public.profiles p where p.id = owner and p.role in ('creator', 'admin')) then
      raise exception 'The owner must be a creator' using errcode = 'CO422';
    end if;
  else
    owner := me;
    if p_owner is not null and p_owner <> me then
      raise exception 'Only an admin can connect a guild for someone else' using errcode = 'CO403';
    end if;
    if not exists (
      select 1 from discord.links k join discord.members m on m.user_id = k.discord_user_id
       where k.profile_id = me and m.guild_id = p_guild_id) then
      raise exception 'Link your Discord account (Profile → Discord) and be a member of that guild to connect it'
        using errcode = 'CO403';
    end if;
  end if;

  select x.owner_id into prev from public.guilds x where x.guild_id = p_guild_id for update;
  if found and prev is not null and prev <> owner and my_role <> 'admin' then
    raise exception 'That guild is already connected by another creator' using errcode = 'CO409';
  end if;

  insert into public.guilds (guild_id, name, timezone, owner_id)
  values (p_guild_id, btrim(p_name), coalesce(p_timezone, 'UTC'), owner)
  on conflict (guild_id) do update set name = excluded.name, timezone = excluded.timezone, owner_id = excluded.owner_id
  returning * into g;

  if my_role = 'admin' and prev is distinct from owner then
    insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
    values (me, 'guild.set_owner', owner, 'Guild ' || p_guild_id || ' connected by an admin',
            jsonb_build_object('guild_id', p_guild_id, 'owner_id', prev),
            jsonb_build_object('guild_id', p_guild_id, 'owner_id', owner));
  end if;
  -- The local-day rollup follows the timezone.
  perform community.rollup_local(p_guild_id, null);
  return g;
end;
$$;
revoke execute on function public.dash_connect_guild(text, text, text, uuid) from public, anon;
grant execute on function public.dash_connect_guild(text, text, text, uuid) to authenticated;

-- Rename or change the timezone (owner or admin). A new timezone rebuilds the guild's local-day rollup.
create function public.dash_update_guild(p_guild_id text, p_name text, p_timezone text)
returns public.guilds
language plpgsql
security definer
set search_path = ''
as $$
declare
  g public.guilds;
  old_tz text;
begin
  if not coalesce((select private.can_manage_guild(p_guild_id)), false) then
    raise exception 'Only the guild''s owner or an admin can change it' using errcode = 'CO403';
  end if;
  if p_name is null or char_length(btrim(p_name)) not between 1 and 100 then
    raise exception 'The guild name must be 1 to 100 characters' using errcode = 'CO422';
  end if;
  if not private.is_iana_timezone(p_timezone) then
    raise exception 'Unknown timezone %: use an IANA name such as Europe/Paris', p_timezone using errcode = 'CO422';
  end if;
  select x.timezone into old_tz from public.guilds x where x.guild_id = p_guild_id for update;
  update public.guilds x set name = btrim(p_name), timezone = p_timezone where x.guild_id = p_guild_id returning * into g;
  if old_tz is distinct from p_timezone then
    perform community.rollup_local(p_guild_id, null);
  end if;
  return g;
end;
$$;
revoke execute on function public.dash_update_guild(text, text, text) from public, anon;
grant execute on function public.dash_update_guild(text, text, text) to authenticated;

-- Staff assignments (owner or admin). Only profiles with the staff role can be assigned.
create function public.dash_assign_staff(p_guild_id text, p_username text)
returns public.guild_staff
language plpgsql
security definer
set search_path = ''
as $$
declare
  target uuid;
  s public.guild_staff;
begin
  if not coalesce((select private.can_manage_guild(p_guild_id)), false) then
    raise exception 'Only the guild''s owner or an admin can assign staff' using errcode = 'CO403';
  end if;
  select p.id into target from public.profiles p where p.username = lower(btrim(coalesce(p_username, '')));
  if target is null then
    raise exception 'No user named %', p_username using errcode = 'CO404';
  end if;
  if not exists (select 1 from public.profiles p where p.id = target and p.role = 'staff' and not p.is_banned) then
    raise exception '% is not a staff member (an admin can give them the staff role)', p_username using errcode = 'CO422';
  end if;
  insert into public.guild_staff (guild_id, staff_id, assigned_by) values (p_guild_id, target, (select auth.uid()))
  on conflict (guild_id, staff_id) do nothing;
  select * into s from public.guild_staff x where x.guild_id = p_guild_id and x.staff_id = target;
  return s;
end;
$$;
revoke execute on function public.dash_assign_staff(text, text) from public, anon;
grant execute on function public.dash_assign_staff(text, text) to authenticated;

create function public.dash_unassign_staff(p_guild_id text, p_staff_id uuid)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer;
begin
  if not coalesce((select private.can_manage_guild(p_guild_id)), false) then
    raise exception 'Only the guild''s owner or an admin can remove staff' using errcode = 'CO403';
  end if;
  delete from public.guild_staff x where x.guild_id = p_guild_id and x.staff_id = p_staff_id;
  get diagnostics n = row_count;
  return n > 0;
end;
$$;
revoke execute on function public.dash_unassign_staff(text, uuid) from public, anon;
grant execute on function public.dash_unassign_staff(text, uuid) to authenticated;

-- ---------------------------------------------------------------------------------------------------
-- campaigns: named timeframes (local days, inclusive). Anyone who can view the guild manages them (RLS).
-- ---------------------------------------------------------------------------------------------------
create table public.guild_campaigns (
  id bigint generated always as identity primary key,
  guild_id text not null references public.guilds (guild_id) on delete cascade,
  name text not null constraint guild_campaigns_name_length check (char_length(btrim(name)) between 1 and 80),
  starts_on date not null,
  ends_on date not null,
  created_by uuid default auth.uid() references public.profiles (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint guild_campaigns_range check (ends_on >= starts_on and ends_on - starts_on <= 365)
);
comment on column public.guild_campaigns.starts_on is 'First day of the campaign in the guild''s timezone.';
comment on column public.guild_campaigns.ends_on is 'Last day (inclusive) in the guild''s timezone.';
create index guild_campaigns_guild_idx on public.guild_campaigns (guild_id, starts_on desc);

alter table public.guild_campaigns enable row level security;
revoke all on public.guild_campaigns from anon, authenticated;
grant select, insert, delete on public.guild_campaigns to authenticated;
grant update (name, starts_on, ends_on) on public.guild_campaigns to authenticated;
grant all on public.guild_campaigns to service_role;

create policy guild_campaigns_select_viewer on public.guild_campaigns for select to authenticated
  using ((select private.can_view_guild(guild_id)));
create policy guild_campaigns_insert_viewer on public.guild_campaigns for insert to authenticated
  with check ((select private.can_view_guild(guild_id)) and created_by = (select auth.uid()));
create policy guild_campaigns_update_viewer on public.guild_campaigns for update to authenticated
  using ((select private.can_view_guild(guild_id)))
  with check ((select private.can_view_guild(guild_id)));
create policy guild_campaigns_delete_viewer on public.guild_campaigns for delete to authenticated
  using ((select private.can_view_guild(guild_id)));
