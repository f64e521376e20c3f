import { randomUUID } from 'node:crypto';
import { asService, asUser, type Claims } from '@/lib/db/tx';

/** Shared by the dashboard tests: users by role, guilds, members and hand-placed activity. */

export interface TUser {
  id: string;
  username: string;
  claims: Claims;
}

let seq = 0;
const uniq = () => `${process.pid.toString(36)}${(++seq).toString(36)}`;

export async function makeUser(role: 'fan' | 'creator' | 'staff' | 'admin', name?: string): Promise<TUser> {
  const username = (name ?? `${role}_${uniq()}`).slice(0, 30);
  const id = randomUUID();
  await asService(async (db) => {
    await db.query(
      `insert into auth.users (id, aud, role, email, raw_user_meta_data)
       values ($1, 'authenticated', 'authenticated', $2, jsonb_build_object('username', $3::text))`,
      [id, `${username}@example.test`, username],
    );
    await db.query('update public.profiles set role = $2 where id = $1', [id, role]);
  });
  return { id, username, claims: { sub: id, role: 'authenticated', email: `${username}@example.test` } };
}

let guildSeq = 0;
export const newGuildId = () => `${900000000 + process.pid * 100 + ++guildSeq}`;

/** A guild the bot has seen, connected and owned by `owner` (set as service, as an admin would). */
export async function makeGuild(owner: TUser | null, timezone = 'UTC', name = 'Test guild'): Promise<string> {
  const g = newGuildId();
  await asService(async (db) => {
    await db.query('insert into discord.guild_settings (guild_id) values ($1)', [g]);
    await db.query('insert into public.guilds (guild_id, name, timezone, owner_id) values ($1, $2, $3, $4)', [
      g,
      name,
      timezone,
      owner?.id ?? null,
    ]);
  });
  return g;
}

export async function assign(guildId: string, staff: TUser): Promise<void> {
  await asService((db) =>
    db.query('insert into public.guild_staff (guild_id, staff_id) values ($1, $2)', [guildId, staff.id]),
  );
}

export async function member(
  guildId: string,
  userId: string,
  joinedAt: string | null = '2020-01-01T00:00:00Z',
) {
  await asService((db) =>
    db.query(
      `insert into discord.members (guild_id, user_id, username, joined_at) values ($1, $2, $2, $3)
       on conflict (guild_id, user_id) do update set joined_at = excluded.joined_at`,
      [guildId, userId, joinedAt],
    ),
  );
}

let msgSeq = 0;
/** `count` messages by userId at the given instant (ISO, UTC), then nothing else: call rollup() after. */
export async function messages(guildId: string, userId: string, at: string, count = 1): Promise<void> {
  await asService((db) =>
    db.query(
      `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, created_at)
       select $1 || '_' || g, $2, 'chan_' || $2, $3, $3, $4::timestamptz from generate_series(1, $5) g`,
      [`m${process.pid}_${++msgSeq}`, guildId, userId, at, count],
    ),
  );
}

/** Messages spread as { 'YYYY-MM-DD': count } at local noon UTC (safe from every boundary for UTC guilds). */
export async function activity(guildId: string, userId: string, days: Record<string, number>): Promise<void> {
  for (const [day, n] of Object.entries(days)) await messages(guildId, userId, `${day}T12:00:00Z`, n);
}

export async function rollup(guildId: string): Promise<void> {
  await asService((db) => db.query('select community.rollup_local($1, null)', [guildId]));
}

/** Runs a query as the user and returns rows, or the SQLSTATE (and message) it failed with. */
export async function as<T = Record<string, unknown>>(
  user: TUser | null,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: T[]; code?: string; message?: string }> {
  try {
    const r = await asUser(user?.claims ?? null, (db) => db.query(sql, params));
    return { rows: r.rows as T[] };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { rows: [], code: err.code ?? 'unknown', message: err.message };
  }
}
