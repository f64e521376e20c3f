import 'server-only';
import { authProvider } from '@/lib/auth/provider';
import type { Role } from '@/lib/auth/schemas';
import { asUser, type Claims } from '@/lib/db/tx';
import type { Profile } from '@/lib/profiles/types';

/** Role changes and bans go through the SQL functions, which check the caller and write the audit log. */
export async function setUserRole(
  claims: Claims,
  target: string,
  role: Role,
  reason: string,
): Promise<Profile> {
  return asUser(claims, async (db) => {
    const r = await db.query<Profile>(
      `select id, username, display_name, bio, avatar_url, role, is_banned, created_at, updated_at
         from public.admin_set_role($1, $2, $3)`,
      [target, role, reason],
    );
    return r.rows[0] as Profile;
  });
}

export async function setUserBanned(
  claims: Claims,
  target: string,
  banned: boolean,
  reason: string,
): Promise<Profile> {
  const profile = await asUser(claims, async (db) => {
    const r = await db.query<Profile>(
      `select id, username, display_name, bio, avatar_url, role, is_banned, created_at, updated_at
         from public.admin_set_banned($1, $2, $3)`,
      [target, banned, reason],
    );
    return r.rows[0] as Profile;
  });
  await authProvider().onBanChanged(target, banned);
  return profile;
}
