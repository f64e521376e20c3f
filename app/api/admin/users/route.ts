import { z } from 'zod';
import { findUsers } from '@/lib/admin/find-users';
import { ROLES } from '@/lib/auth/schemas';
import { toCsv } from '@/lib/http/csv';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Query = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/** The admin user list (search by email, username, display name or Discord id/username); `format=csv` exports every row matching the current filters. */
export const GET = route({ auth: ['admin'], query: Query }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  if (query.format === 'json') return findUsers(viewer.claims, query);
  const rows = [];
  for (let page = 1; ; page++) {
    const batch = await findUsers(viewer.claims, { ...query, page, pageSize: 100 });
    rows.push(...batch.items);
    if (page >= batch.pageCount) break;
  }
  const csv = toCsv(
    ['id', 'username', 'display_name', 'role', 'is_banned', 'created_at_utc'],
    rows.map((u) => [u.id, u.username, u.display_name, u.role, u.is_banned, u.created_at.toISOString()]),
  );
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="communityos-users-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
});
