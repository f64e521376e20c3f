import 'server-only';
import { clampPaging, containsPattern, type Page, toPage } from '@/lib/db/page';
import { asUser } from '@/lib/db/tx';

export type { Page } from '@/lib/db/page';

export interface PublicProfile {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_url: string | null;
  role: 'fan' | 'creator' | 'staff' | 'admin';
  created_at: Date;
}

/** Public creator directory, read as anon so RLS decides what is visible. Banned creators are hidden. */
export async function listCreators(opts: {
  page: number;
  pageSize?: number;
  q?: string;
}): Promise<Page<PublicProfile>> {
  const { page, pageSize } = clampPaging(opts.page, opts.pageSize ?? 12, 50);
  const q = containsPattern(opts.q);
  return asUser(null, async (db) => {
    const r = await db.query<PublicProfile & { total_count: number }>(
      `select id, username, display_name, bio, avatar_url, role, created_at, count(*) over () as total_count
         from public.profiles
        where role = 'creator' and not is_banned
          and ($1::text is null or username ilike $1 or display_name ilike $1)
        order by display_name, username
        limit $2 offset $3`,
      [q, pageSize, (page - 1) * pageSize],
    );
    return toPage(r.rows, page, pageSize, ({ total_count: _t, ...p }) => p);
  });
}

export async function getPublicProfile(
  username: string,
): Promise<(PublicProfile & { is_banned: boolean }) | null> {
  if (!/^[a-z0-9_]{3,30}$/.test(username)) return null;
  return asUser(null, async (db) => {
    const r = await db.query<PublicProfile & { is_banned: boolean }>(
      `select id, username, display_name, bio, avatar_url, role, created_at, is_banned
         from public.profiles where username = $1`,
      [username],
    );
    return r.rows[0] ?? null;
  });
}
