-- begin_interaction runs on every interaction: refresh the member row only when something changed, so a
-- busy command does not rewrite (and bloat) the same row on every call.
create or replace function discord.begin_interaction(
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
        where discord.members.username is distinct from excluded.username
           or (excluded.joined_at is not null and discord.members.joined_at is distinct from excluded.joined_at);
    end if;
  end if;
  return 'new';
end;
$$;
