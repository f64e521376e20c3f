import 'server-only';
import { clampPaging, type Page, toPage } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';

export interface AuditRow {
  id: string;
  created_at: Date;
  action: string;
  reason: string;
  before: unknown;
  after: unknown;
  actor_username: string | null;
  target_username: string | null;
  target_id: string | null;
}

/** The admin audit log (RLS: admins only), newest first, optionally one action prefix (e.g. `discord.`). */
export async function listAudit(
  claims: Claims,
  opts: { page: number; pageSize?: number; action?: string },
): Promise<Page<AuditRow>> {
  const { page, pageSize } = clampPaging(opts.page, opts.pageSize ?? 50, 200);
  const prefix = opts.action ? `${opts.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return asUser(claims, async (db) => {
    const r = await db.query<AuditRow & { total_count: string }>(
      `select a.id::text, a.created_at, a.action, a.reason, a.before, a.after, a.target_id,
              actor.username as actor_username, target.username as target_username, count(*) over () as total_count
         from public.admin_audit_log a
         left join public.profiles actor on actor.id = a.actor_id
         left join public.profiles target on target.id = a.target_id
        where ($1::text is null or a.action like $1)
        order by a.created_at desc, a.id desc
        limit $2 offset $3`,
      [prefix, pageSize, (page - 1) * pageSize],
    );
    return toPage(r.rows, page, pageSize, ({ total_count: _t, ...x }) => x);
  });
}
