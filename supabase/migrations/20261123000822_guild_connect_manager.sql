-- Connecting a guild to the dashboard needs more than membership: the creator's linked Discord account must
-- manage the server (Manage Server or Administrator), as Discord reported in the member's latest interaction
-- there. Any member could otherwise claim a guild nobody had connected yet and read its members' activity.

alter table discord.members add column manages_guild boolean not null default false;
comment on column discord.members.manages_guild is
  'Administrator or Manage Server in the permissions of this member''s latest interaction in the guild.';

-- begin_interaction also records that permission (one more parameter; the old signature is dropped).
drop function discord.begin_interaction(text, integer, text, text, text, text, timestamptz);

create function discord.begin_interaction(
  p_id text, p_type integer, p_guild_id text, p_user_id text, p_command text,
  p_username text, p_joined_at timestamptz, p_manages_guild boolean
) returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  is_paused boolean;
begin
  select s.paused into is_paused from discord.bot_state s where s.id;
  if coalesce(is_paused, false) then
    return 'paused';
  end if;
  insert into discord.interactions (id, type, guild_id, user_id, command)
  values (p_id, p_type, p_guild_id, p_user_id, p_command)
  on conflict (id) do nothing;
  if not found then
    return 'duplicate';
  end if;
  if p_guild_id is not null then
    insert into discord.guild_settings (guild_id) values (p_guild_id) on conflict (guild_id) do nothing;
    if p_user_id is not null then
      insert into discord.members (guild_id, user_id, username, joined_at, manages_guild)
      values (p_guild_id, p_user_id, coalesce(p_username, p_user_id), p_joined_at, coalesce(p_manages_guild, false))
      on conflict (guild_id, user_id) do update
        set username = excluded.username,
            joined_at = coalesce(excluded.joined_at, discord.members.joined_at),
            manages_guild = coalesce(p_manages_guild, discord.members.manages_guild),
            updated_at = now()
        -- only when something changed: a busy command must not rewrite (and bloat) the same row each call
        where discord.members.username is distinct from excluded.username
           or (excluded.joined_at is not null and discord.members.joined_at is distinct from excluded.joined_at)
           or (p_manages_guild is not null and discord.members.manages_guild is distinct from p_manages_guild);
    end if;
  end if;
  return 'new';
end;
$$;
revoke execute on function discord.begin_interaction(text, integer, text, text, text, text, timestamptz, boolean)
  from public, anon, authenticated;
grant execute on function discord.begin_interaction(text, integer, text, text, text, text, timestamptz, boolean)
  to service_role;

create or replace function public.dash_connect_guild(p_guild_id text, p_name text, p_timezone text, p_owner uuid default null)
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
  manages boolean;
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
    select m.manages_guild into manages
      from discord.links k join discord.members m on m.user_id = k.discord_user_id
     where k.profile_id = me and m.guild_id = p_guild_id;
    if not found then
      raise exception 'Link your Discord account (Profile → Discord) and be a member of that guild to connect it'
        using errcode = 'CO403';
    end if;
    if not manages then
      raise exception 'Only someone who can manage that Discord server (Manage Server or Administrator) can connect it. If you can, run any CommunityOS command there once, then try again.'
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
