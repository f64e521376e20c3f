-- Discord over HTTP interactions: the bot's kill switch, per-guild settings, the at-most-once record of
-- interaction ids, guild members and the Discord ↔ profile link. Everything lives in the schema
-- `discord`, closed to the API roles; the server reaches it as service_role, and signed-in users only
-- through the few SECURITY DEFINER functions granted below.

create schema if not exists discord;
revoke all on schema discord from public, anon, authenticated;
grant usage on schema discord to service_role;

-- ---------------------------------------------------------------------------------------------------
-- kill switch: one row. While paused, every interaction is answered with a paused message, nothing else.
-- ---------------------------------------------------------------------------------------------------
create table discord.bot_state (
  id boolean primary key default true constraint bot_state_singleton check (id),
  paused boolean not null default false,
  reason text,
  changed_by text,
  changed_at timestamptz not null default now()
);
insert into discord.bot_state (id) values (true);

-- ---------------------------------------------------------------------------------------------------
-- per-guild settings (a row appears the first time a guild is seen; admins tune it)
-- ---------------------------------------------------------------------------------------------------
create table discord.guild_settings (
  guild_id text primary key,
  staff_role_id text,
  ticket_category_id text,
  max_open_tickets integer not null default 1 constraint guild_settings_max_open_tickets check (max_open_tickets between 1 and 50),
  next_ticket_number integer not null default 1,
  weight_messages numeric(8, 3) not null default 1,
  weight_reactions numeric(8, 3) not null default 0.5,
  ai_monthly_budget_usd numeric(12, 6) not null default 5,
  ai_hard_limit_usd numeric(12, 6) not null default 10,
  created_at timestamptz not null default now(),
  constraint guild_settings_budget check (ai_monthly_budget_usd >= 0 and ai_hard_limit_usd >= ai_monthly_budget_usd)
);
comment on column discord.guild_settings.weight_messages is 'Community Score points per message sent.';
comment on column discord.guild_settings.weight_reactions is 'Community Score points per reaction given.';
comment on column discord.guild_settings.ai_monthly_budget_usd is 'Soft monthly AI budget: crossing it is logged as a warning.';
comment on column discord.guild_settings.ai_hard_limit_usd is 'Hard monthly AI limit: a request that would cross it is refused.';

-- ---------------------------------------------------------------------------------------------------
-- interactions: Discord retries, so each id is handled at most once (primary key).
-- ---------------------------------------------------------------------------------------------------
create table discord.interactions (
  id text primary key,
  type integer not null,
  guild_id text,
  user_id text,
  command text,
  received_at timestamptz not null default now()
);
create index interactions_received_at_idx on discord.interactions (received_at);

-- ---------------------------------------------------------------------------------------------------
-- members of a guild (from interaction payloads, GET /guilds/{id}/members and the relay)
-- ---------------------------------------------------------------------------------------------------
create table discord.members (
  guild_id text not null,
  user_id text not null,
  username text not null,
  joined_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (guild_id, user_id)
);

-- ---------------------------------------------------------------------------------------------------
-- Discord user ↔ profile: 1:1 both ways.
-- ---------------------------------------------------------------------------------------------------
create table discord.links (
  discord_user_id text primary key,
  profile_id uuid not null unique references public.profiles (id) on delete cascade,
  discord_username text not null,
  linked_at timestamptz not null default now()
);

-- One-time codes from /link: only the SHA-256 of the code is stored.
create table discord.link_codes (
  code_hash text primary key,
  discord_user_id text not null,
  discord_username text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index link_codes_user_idx on discord.link_codes (discord_user_id);

revoke all on all tables in schema discord from public, anon, authenticated;
grant select, insert, update, delete on all tables in schema discord to service_role;

-- ---------------------------------------------------------------------------------------------------
-- begin_interaction: one round trip at the start of every interaction. Returns 'paused' (nothing is
-- recorded), 'duplicate' (this id was handled already) or 'new' (recorded now; the caller runs it).
-- The member seen in the payload is upserted with the same call.
-- ---------------------------------------------------------------------------------------------------
create function discord.begin_interaction(
  p_id text, p_type integer, p_guild_id text, p_user_id text, p_command text,
  p_username text, p_joined_at timestamptz
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
      insert into discord.members (guild_id, user_id, username, joined_at)
      values (p_guild_id, p_user_id, coalesce(p_username, p_user_id), p_joined_at)
      on conflict (guild_id, user_id) do update
        set username = excluded.username,
            joined_at = coalesce(excluded.joined_at, discord.members.joined_at),
            updated_at = now()
        -- only when something changed: a busy command must not rewrite (and bloat) the same row each call
        where discord.members.username is distinct from excluded.username
           or (excluded.joined_at is not null and discord.members.joined_at is distinct from excluded.joined_at);
    end if;
  end if;
  return 'new';
end;
$$;
revoke execute on function discord.begin_interaction(text, integer, text, text, text, text, timestamptz) from public, anon, authenticated;
grant execute on function discord.begin_interaction(text, integer, text, text, text, text, timestamptz) to service_role;

-- ---------------------------------------------------------------------------------------------------
-- kill switch: admins (signed in) or the service role (the CLI script). Each change is audited.
-- ---------------------------------------------------------------------------------------------------
create function public.admin_set_bot_paused(paused boolean, reason text) returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := (select auth.uid());
  was boolean;
begin
  if not ((select auth.role()) = 'service_role' or (select private.is_admin())) then
    raise exception 'Only an admin can pause or resume the Discord bot' using errcode = 'CO403';
  end if;
  if paused is null then
    raise exception 'paused must be true or false' using errcode = 'CO422';
  end if;
  if reason is null or char_length(btrim(reason)) < 3 then
    raise exception 'A reason of at least 3 characters is required' using errcode = 'CO422';
  end if;
  select s.paused into was from discord.bot_state s where s.id for update;
  update discord.bot_state
     set paused = admin_set_bot_paused.paused, reason = btrim(admin_set_bot_paused.reason),
         changed_by = coalesce(actor::text, 'service_role'), changed_at = now()
   where id;
  insert into public.admin_audit_log (actor_id, action, target_id, reason, before, after)
  values (actor, case when admin_set_bot_paused.paused then 'discord.pause' else 'discord.resume' end, null,
          btrim(admin_set_bot_paused.reason), jsonb_build_object('paused', was),
          jsonb_build_object('paused', admin_set_bot_paused.paused));
  return admin_set_bot_paused.paused;
end;
$$;
revoke execute on function public.admin_set_bot_paused(boolean, text) from public, anon;
grant execute on function public.admin_set_bot_paused(boolean, text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------
-- linking: /link stores a code hash (service role); the signed-in user redeems it or unlinks.
-- ---------------------------------------------------------------------------------------------------
create function discord.create_link_code(p_code_hash text, p_user_id text, p_username text, p_ttl interval)
returns timestamptz
language plpgsql
security definer
set search_path = ''
as $$
declare
  expires timestamptz := now() + p_ttl;
begin
  -- A new code replaces any unused one: only the latest code works.
  delete from discord.link_codes where discord_user_id = p_user_id and used_at is null;
  insert into discord.link_codes (code_hash, discord_user_id, discord_username, expires_at)
  values (p_code_hash, p_user_id, p_username, expires);
  return expires;
end;
$$;
revoke execute on function discord.create_link_code(text, text, text, interval) from public, anon, authenticated;
grant execute on function discord.create_link_code(text, text, text, interval) to service_role;

-- Redeems a code for the calling user. Fails (and changes nothing) on an unknown, used or expired code,
-- or when either side is already linked. The code row is locked, so a code works exactly once.
create function public.discord_redeem_link_code(code_hash text)
returns table (discord_user_id text, discord_username text, linked_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
declare
  me uuid := (select auth.uid());
  c discord.link_codes;
begin
  if me is null then
    raise exception 'Sign in to link a Discord account' using errcode = 'CO403';
  end if;
  select * into c from discord.link_codes l where l.code_hash = discord_redeem_link_code.code_hash for update;
  if not found or c.used_at is not null or c.expires_at <= now() then
    raise exception 'That code is not valid. Run /link in Discord again to get a new one.' using errcode = 'CO422';
  end if;
  if exists (select 1 from discord.links k where k.profile_id = me) then
    raise exception 'Your profile is already linked to a Discord account. Unlink it first.' using errcode = 'CO409';
  end if;
  if exists (select 1 from discord.links k where k.discord_user_id = c.discord_user_id) then
    raise exception 'That Discord account is already linked to another profile.' using errcode = 'CO409';
  end if;
  update discord.link_codes set used_at = now() where discord.link_codes.code_hash = c.code_hash;
  insert into discord.links (discord_user_id, profile_id, discord_username)
  values (c.discord_user_id, me, c.discord_username);
  return query select k.discord_user_id, k.discord_username, k.linked_at from discord.links k where k.profile_id = me;
end;
$$;
revoke execute on function public.discord_redeem_link_code(text) from public, anon;
grant execute on function public.discord_redeem_link_code(text) to authenticated;

create function public.discord_unlink() returns boolean
language sql
security definer
set search_path = ''
as $$
  with d as (delete from discord.links k where k.profile_id = (select auth.uid()) returning 1)
  select exists (select 1 from d)
$$;
revoke execute on function public.discord_unlink() from public, anon;
grant execute on function public.discord_unlink() to authenticated;

create function public.my_discord_link()
returns table (discord_user_id text, discord_username text, linked_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select k.discord_user_id, k.discord_username, k.linked_at from discord.links k where k.profile_id = (select auth.uid())
$$;
revoke execute on function public.my_discord_link() from public, anon;
grant execute on function public.my_discord_link() to authenticated;
