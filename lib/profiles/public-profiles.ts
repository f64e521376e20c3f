import 'server-only';
import { asUser } from '@/lib/db/tx';

export interface PublicProfile {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_url: string | null;
  role: 'fan' | 'creator' | 'staff' | 'admin';
  created_at: Date;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** Public creator directory, read as anon so RLS decides what is visible. Banned creators are hidden. */
export async function listCreators(opts: {
  page: number;
  pageSize?: number;
  q?: string;
}): Promise<Page<PublicProfile>> {
  const pageSize = Math.min(Math.max(opts.pageSize ?? 12, 1), 50);
  const page = Math.max(opts.page, 1);
  const q = opts.q?.trim() ? `%${opts.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return asUser(null, async (db) => {
    const r = await db.query<PublicProfile & { total: number }>(
      `select id, username, display_name, bio, avatar_url, role, created_at, count(*) over () as total
         from public.profiles
        where role = 'creator' and not is_banned
          and ($1::text is null or username ilike $1 or display_name ilike $1)
        order by display_name, username
        limit $2 offset $3`,
      [q, pageSize, (page - 1) * pageSize],
    );
    const total = Number(r.rows[0]?.total ?? 0);
    return {
      items: r.rows.map(({ total: _t, ...p }) => p),
      total,
      page,
      pageSize,
      pageCount: Math.max(1, Math.ceil(total / pageSize)),
    };
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
