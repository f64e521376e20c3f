import 'server-only';
import type { ProfileUpdateInput } from '@/lib/auth/schemas';
import { asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import type { Profile } from './types';

/** Updates the caller's own profile; RLS and column grants decide, a taken username is a 409. */
export async function updateOwnProfile(claims: Claims, input: ProfileUpdateInput): Promise<Profile> {
  try {
    return await asUser(claims, async (db) => {
      const r = await db.query<Profile>(
        `update public.profiles
            set username = coalesce($2, username),
                display_name = coalesce($3, display_name),
                bio = coalesce($4, bio),
                avatar_url = case when $5::boolean then $6 else avatar_url end
          where id = $1
        returning id, username, display_name, bio, avatar_url, role, is_banned, created_at, updated_at`,
        [
          claims.sub,
          input.username ?? null,
          input.displayName ?? null,
          input.bio ?? null,
          input.avatarUrl !== undefined,
          input.avatarUrl ?? null,
        ],
      );
      const row = r.rows[0];
      if (!row) throw new AppError('NOT_FOUND', 'Profile not found');
      return row;
    });
  } catch (err) {
    if ((err as { code?: string; constraint?: string }).constraint === 'profiles_username_key') {
      throw new AppError('CONFLICT', 'That username is taken', {
        fields: { username: ['That username is taken'] },
      });
    }
    throw err;
  }
}
