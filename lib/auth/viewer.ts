import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { asUser, type Claims } from '@/lib/db/tx';
import type { Profile } from '@/lib/profiles/types';
import type { Role } from './schemas';
import { authProvider } from './provider';

export interface Viewer {
  claims: Claims;
  profile: Profile;
}

/** The signed-in user of this request (memoised per request), or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claims = await authProvider().currentClaims();
  if (!claims) return null;
  const profile = await asUser(claims, async (db) => {
    const r = await db.query<Profile>(
      `select id, username, display_name, bio, avatar_url, role, is_banned, created_at, updated_at
         from public.profiles where id = auth.uid()`,
    );
    return r.rows[0];
  });
  if (!profile || profile.is_banned) return null;
  return { claims, profile };
});

/**
 * Server-side guard for protected pages (proxy.ts is not the only guard): anonymous → sign-in page with a
 * return path; wrong role → the 403 page.
 */
export async function requireRole(roles: readonly Role[], returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  if (!roles.includes(viewer.profile.role)) forbidden();
  return viewer;
}
