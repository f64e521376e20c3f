import 'server-only';
import { createHash, randomInt } from 'node:crypto';
import { asService, asUser, type Claims } from '@/lib/db/tx';

/** /link codes: 8 characters without look-alikes, shown as ABCD-EFGH; only their SHA-256 is stored. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const LINK_CODE_TTL_MINUTES = 10;

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashCode(code: string): string {
  return createHash('sha256').update(normaliseCode(code)).digest('hex');
}

export interface DiscordLink {
  discord_user_id: string;
  discord_username: string;
  linked_at: Date;
}

export async function linkedProfileOf(discordUserId: string): Promise<{ username: string } | null> {
  return asService(async (db) => {
    const r = await db.query<{ username: string }>(
      `select p.username from discord.links k join public.profiles p on p.id = k.profile_id
        where k.discord_user_id = $1`,
      [discordUserId],
    );
    return r.rows[0] ?? null;
  });
}

export async function createLinkCode(
  discordUserId: string,
  username: string,
): Promise<{ code: string; expiresAt: Date }> {
  const raw = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
  const expiresAt = await asService(async (db) => {
    const r = await db.query<{ expires: Date }>(
      `select discord.create_link_code($1, $2, $3, make_interval(mins => $4)) as expires`,
      [hashCode(code), discordUserId, username, LINK_CODE_TTL_MINUTES],
    );
    return r.rows[0]?.expires as Date;
  });
  return { code, expiresAt };
}

export function redeemLinkCode(claims: Claims, code: string): Promise<DiscordLink> {
  return asUser(claims, async (db) => {
    const r = await db.query<DiscordLink>(
      'select discord_user_id, discord_username, linked_at from public.discord_redeem_link_code($1)',
      [hashCode(code)],
    );
    return r.rows[0] as DiscordLink;
  });
}

export function unlinkDiscord(claims: Claims): Promise<boolean> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ unlinked: boolean }>('select public.discord_unlink() as unlinked');
    return r.rows[0]?.unlinked ?? false;
  });
}

export function myDiscordLink(claims: Claims): Promise<DiscordLink | null> {
  return asUser(claims, async (db) => {
    const r = await db.query<DiscordLink>(
      'select discord_user_id, discord_username, linked_at from public.my_discord_link()',
    );
    return r.rows[0] ?? null;
  });
}
