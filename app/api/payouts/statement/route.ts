import { route } from '@/lib/http/route';
import { StatementQuery } from '@/lib/payouts/schemas';
import { currentMonth, monthlyStatement, statementCsv } from '@/lib/payouts/statement';

/** The creator's monthly statement (earnings by source, fees, payouts) as JSON or CSV. */
export const GET = route({ auth: ['creator'], query: StatementQuery }, async ({ viewer, query }) => {
  if (!viewer) return null;
  const month = query.month ?? currentMonth();
  const lines = await monthlyStatement(viewer.claims, month);
  if (query.format === 'csv') {
    return new Response(statementCsv(month, lines), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="statement-${month}.csv"`,
        'cache-control': 'no-store',
      },
    });
  }
  return { month, lines };
});
