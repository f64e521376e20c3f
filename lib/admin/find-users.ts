import 'server-only';
import type { Role } from '@/lib/auth/schemas';
import { clampPaging, type Page, toPage } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';

export interface FoundUser {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: Role;
  is_banned: boolean;
  created_at: Date;
  discord_user_id: string | null;
  discord_username: string | null;
}

/** Admin user search over email, username, display name and the linked Discord id or username. */
export async function findUsers(
  claims: Claims,
  opts: { page: number; pageSize?: number; q?: string; role?: Role },
): Promise<Page<FoundUser>> {
  const { page, pageSize } = clampPaging(opts.page, opts.pageSize ?? 20, 100);
  return asUser(claims, async (db) => {
    const r = await db.query<FoundUser & { total_count: string }>(
      'select * from public.admin_find_users($1, $2, $3, $4)',
      [opts.q?.trim() || null, opts.role ?? null, pageSize, page],
    );
    return toPage(r.rows, page, pageSize, ({ total_count: _t, ...u }) => u);
  });
}

export interface UserDetail {
  id: string;
  username: string;
  display_name: string;
  bio: string;
  avatar_url: string | null;
  email: string | null;
  role: Role;
  is_banned: boolean;
  created_at: Date;
  last_sign_in_at: Date | null;
  wallet_balance: number;
  wallet_flagged: boolean;
  earnings_balance: number;
  discord_user_id: string | null;
  discord_username: string | null;
  discord_linked_at: Date | null;
  calls_as_fan: number;
  calls_as_creator: number;
  reports_against: number;
}

export interface UserAuditRow {
  id: string;
  created_at: Date;
  action: string;
  reason: string;
  before: unknown;
  after: unknown;
  actor_username: string | null;
}

/** One user's profile, balances, Discord link and the admin actions about them; null if unknown. */
export async function userDetail(
  claims: Claims,
  id: string,
): Promise<{ user: UserDetail; audit: UserAuditRow[] } | null> {
  return asUser(claims, async (db) => {
    const r = await db.query('select * from public.admin_user_detail($1)', [id]);
    const row = r.rows[0];
    if (!row) return null;
    const audit = await db.query<UserAuditRow>(
      `select a.id::text, a.created_at, a.action, a.reason, a.before, a.after, actor.username as actor_username
         from public.admin_audit_log a left join public.profiles actor on actor.id = a.actor_id
        where a.target_id = $1 order by a.created_at desc, a.id desc limit 50`,
      [id],
    );
    const user: UserDetail = {
      ...row,
      wallet_balance: Number(row.wallet_balance),
      earnings_balance: Number(row.earnings_balance),
      calls_as_fan: Number(row.calls_as_fan),
      calls_as_creator: Number(row.calls_as_creator),
      reports_against: Number(row.reports_against),
    };
    return { user, audit: audit.rows };
  });
}
