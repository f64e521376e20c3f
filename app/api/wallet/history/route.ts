import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { listHistory } from '@/lib/ledger/wallet';
import { exportHistoryCsv } from '@/lib/payments/export-history';
import { HistoryQuerySchema } from '@/lib/payments/schemas';

/** The signed-in user's wallet history: one page as JSON, or every row of the filter as CSV. */
export const GET = route({ auth: 'user', query: HistoryQuerySchema }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  if (query.format === 'json') {
    return listHistory(viewer.claims, { page: query.page, pageSize: query.pageSize, kind: query.kind });
  }
  const csv = await exportHistoryCsv(viewer.claims, query.kind);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="communityos-wallet-${query.kind ?? 'all'}-${day}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
