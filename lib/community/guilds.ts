import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import type { ConnectGuildInput } from './schemas';

export interface Guild {
  guild_id: string;
  name: string;
  timezone: string;
  owner_id: string | null;
  owner_username: string | null;
  connected_at: Date;
  can_manage: boolean;
}

export interface StaffAssignment {
  staff_id: string;
  username: string;
  display_name: string;
  assigned_at: Date;
}

/** The guilds the viewer may see (RLS: admins all, creators their own, staff their assignments). */
export function listGuilds(claims: Claims): Promise<Guild[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<Guild>(
      `select g.guild_id, g.name, g.timezone, g.owner_id, p.username as owner_username, g.connected_at,
              coalesce((select private.can_manage_guild(g.guild_id)), false) as can_manage
         from public.guilds g left join public.profiles p on p.id = g.owner_id
        order by g.name, g.guild_id`,
    );
    return r.rows;
  });
}

export async function getGuild(claims: Claims, guildId: string): Promise<Guild> {
  const g = await asUser(claims, async (db) => {
    const r = await db.query<Guild>(
      `select g.guild_id, g.name, g.timezone, g.owner_id, p.username as owner_username, g.connected_at,
              coalesce((select private.can_manage_guild(g.guild_id)), false) as can_manage
         from public.guilds g left join public.profiles p on p.id = g.owner_id
        where g.guild_id = $1`,
      [guildId],
    );
    return r.rows[0];
  });
  if (!g) throw new AppError('FORBIDDEN', 'You do not have access to this guild');
  return g;
}

async function ownerIdFor(claims: Claims, username: string | undefined): Promise<string | null> {
  if (!username) return null;
  const id = await asUser(claims, async (db) => {
    const r = await db.query<{ id: string }>('select id from public.profiles where username = $1', [
      username,
    ]);
    return r.rows[0]?.id;
  });
  if (!id) throw new AppError('NOT_FOUND', `No user named ${username}`);
  return id;
}

/** Connects (claims) a guild; admins may name another owner. The rules live in public.dash_connect_guild. */
export async function connectGuild(claims: Claims, input: ConnectGuildInput): Promise<Guild> {
  const owner = await ownerIdFor(claims, input.ownerUsername);
  await asUser(claims, (db) =>
    db.query('select public.dash_connect_guild($1, $2, $3, $4)', [
      input.guildId,
      input.name,
      input.timezone,
      owner,
    ]),
  );
  return getGuild(claims, input.guildId);
}

export async function updateGuild(
  claims: Claims,
  guildId: string,
  input: { name: string; timezone: string },
): Promise<Guild> {
  await asUser(claims, (db) =>
    db.query('select public.dash_update_guild($1, $2, $3)', [guildId, input.name, input.timezone]),
  );
  return getGuild(claims, guildId);
}

export function listStaff(claims: Claims, guildId: string): Promise<StaffAssignment[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<StaffAssignment>(
      `select s.staff_id, p.username, p.display_name, s.assigned_at
         from public.guild_staff s join public.profiles p on p.id = s.staff_id
        where s.guild_id = $1 order by p.username`,
      [guildId],
    );
    return r.rows;
  });
}

export async function assignStaff(claims: Claims, guildId: string, username: string): Promise<void> {
  await asUser(claims, (db) => db.query('select public.dash_assign_staff($1, $2)', [guildId, username]));
}

export async function unassignStaff(claims: Claims, guildId: string, staffId: string): Promise<boolean> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ ok: boolean }>('select public.dash_unassign_staff($1, $2) as ok', [
      guildId,
      staffId,
    ]);
    return r.rows[0]?.ok ?? false;
  });
}
