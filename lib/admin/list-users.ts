import 'server-only';
import type { Role } from '@/lib/auth/schemas';
import { asUser, type Claims } from '@/lib/db/tx';
import type { Page } from '@/lib/profiles/public-profiles';

export interface AdminUserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  is_banned: boolean;
  created_at: Date;
}

/** The admin's user table: search by username/display name, filter by role, paginated. */
export async function listUsers(
  claims: Claims,
  opts: { page: number; pageSize?: number; q?: string; role?: Role },
): Promise<Page<AdminUserRow>> {
  const pageSize = Math.min(Math.max(opts.pageSize ?? 20, 1), 100);
  const page = Math.max(opts.page, 1);
  const q = opts.q?.trim() ? `%${opts.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return asUser(claims, async (db) => {
    const r = await db.query<AdminUserRow & { total: number }>(
      `select id, username, display_name, role, is_banned, created_at, count(*) over () as total
         from public.profiles
        where ($1::text is null or username ilike $1 or display_name ilike $1)
          and ($2::text is null or role = $2)
        order by created_at desc, username
        limit $3 offset $4`,
      [q, opts.role ?? null, pageSize, (page - 1) * pageSize],
    );
    const total = Number(r.rows[0]?.total ?? 0);
    return {
      items: r.rows.map(({ total: _t, ...u }) => u),
      total,
      page,
      pageSize,
      pageCount: Math.max(1, Math.ceil(total / pageSize)),
    };
  });
}
