import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { clampPaging, type Page, toPage } from '@/lib/db/page';

export interface MemberRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  created_at: Date;
}

/** Members newest first, with counts for the staff overview (read as the viewer; RLS applies). */
export async function newestMembers(
  claims: Claims,
  opts: { page: number; pageSize?: number },
): Promise<Page<MemberRow> & { joinedLast7Days: number; joinedLast30Days: number }> {
  const { page, pageSize } = clampPaging(opts.page, opts.pageSize ?? 15, 100);
  return asUser(claims, async (db) => {
    const r = await db.query<MemberRow & { total_count: number }>(
      `select id, username, display_name, role, created_at, count(*) over () as total_count
         from public.profiles where not is_banned
        order by created_at desc, username limit $1 offset $2`,
      [pageSize, (page - 1) * pageSize],
    );
    const counts = await db.query<{ d7: number; d30: number }>(
      `select count(*) filter (where created_at > now() - interval '7 days')::int as d7,
              count(*) filter (where created_at > now() - interval '30 days')::int as d30
         from public.profiles where not is_banned`,
    );
    return {
      ...toPage(r.rows, page, pageSize, ({ total_count: _t, ...m }) => m),
      joinedLast7Days: counts.rows[0]?.d7 ?? 0,
      joinedLast30Days: counts.rows[0]?.d30 ?? 0,
    };
  });
}
