import { platformMetrics } from '@/lib/admin/metrics';
import { DayRangeSchema } from '@/lib/admin/schemas';
import { toCsv } from '@/lib/http/csv';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Admin only: per-UTC-day platform metrics for [from, to]; `format=csv` exports the days. */
export const GET = route({ auth: ['admin'], query: DayRangeSchema }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  const m = await platformMetrics(viewer.claims, query.from, query.to);
  if (query.format === 'json') return m;
  const cols = [
    'tokens_sold',
    'revenue_cents',
    'platform_fee_tokens',
    'call_minutes',
    'tickets_opened',
    'tickets_resolved',
    'ai_spend_usd',
    'active_fans',
    'active_creators',
  ] as const;
  const csv = toCsv(
    ['day_utc', ...cols],
    m.days.map((d) => [d.day, ...cols.map((c) => d[c])]),
  );
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="communityos-metrics-${query.from}-to-${query.to}.csv"`,
    },
  });
});
