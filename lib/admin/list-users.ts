import 'server-only';
import type { Role } from '@/lib/auth/schemas';
import { asUser, type Claims } from '@/lib/db/tx';
import { clampPaging, containsPattern, type Page, toPage } from '@/lib/db/page';

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
  const { page, pageSize } = clampPaging(opts.page, opts.pageSize ?? 20, 100);
  const q = containsPattern(opts.q);
  return asUser(claims, async (db) => {
    const r = await db.query<AdminUserRow & { total_count: number }>(
      `select id, username, display_name, role, is_banned, created_at, count(*) over () as total_count
         from public.profiles
        where ($1::text is null or username ilike $1 or display_name ilike $1)
          and ($2::text is null or role = $2)
        order by created_at desc, username
        limit $3 offset $4`,
      [q, opts.role ?? null, pageSize, (page - 1) * pageSize],
    );
    return toPage(r.rows, page, pageSize, ({ total_count: _t, ...u }) => u);
  });
}
