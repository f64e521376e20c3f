import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';

export interface AdminOverview {
  byRole: { role: string; count: number; banned: number }[];
  signupsPerDay: { day: string; count: number }[];
  audit: {
    id: number;
    created_at: Date;
    action: string;
    reason: string;
    before: unknown;
    after: unknown;
    actor_username: string | null;
    target_username: string | null;
  }[];
  errors: {
    id: number;
    level: string;
    source: string;
    message: string;
    request_id: string | null;
    created_at: Date;
  }[];
}

/** Everything the admin landing page shows, read as the admin (RLS + SECURITY DEFINER checks apply). */
export async function adminOverview(claims: Claims, days = 30): Promise<AdminOverview> {
  return asUser(claims, async (db) => {
    const byRole = await db.query<{ role: string; count: number; banned: number }>(
      `select r.role, count(p.id)::int as count, count(p.id) filter (where p.is_banned)::int as banned
         from unnest(array['fan', 'creator', 'staff', 'admin']) as r(role)
         left join public.profiles p on p.role = r.role
        group by r.role
        order by array_position(array['fan', 'creator', 'staff', 'admin'], r.role)`,
    );
    const signups = await db.query<{ day: string; count: number }>(
      `select to_char(d.day, 'YYYY-MM-DD') as day, count(p.id)::int as count
         from generate_series((now() at time zone 'utc')::date - ($1::int - 1), (now() at time zone 'utc')::date, interval '1 day') as d(day)
         left join public.profiles p on (p.created_at at time zone 'utc')::date = d.day::date
        group by d.day order by d.day`,
      [days],
    );
    const audit = await db.query<AdminOverview['audit'][number]>(
      `select a.id, a.created_at, a.action, a.reason, a.before, a.after,
              actor.username as actor_username, target.username as target_username
         from public.admin_audit_log a
         left join public.profiles actor on actor.id = a.actor_id
         left join public.profiles target on target.id = a.target_id
        order by a.created_at desc, a.id desc limit 10`,
    );
    const errors = await db.query<AdminOverview['errors'][number]>(
      'select id, level, source, message, request_id, created_at from public.admin_recent_logs($1, $2)',
      [10, 'error'],
    );
    return { byRole: byRole.rows, signupsPerDay: signups.rows, audit: audit.rows, errors: errors.rows };
  });
}
