import { z } from 'zod';
import { aiCostLedger } from '@/lib/admin/ai-costs';
import { toCsv } from '@/lib/http/csv';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Query = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** Admin only: the current billing cycle's AI spend; `format=csv` exports the guild × command × model rows. */
export const GET = route({ auth: ['admin'], query: Query }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  const ledger = await aiCostLedger(viewer.claims);
  if (query.format === 'json') return ledger;
  const csv = toCsv(
    [
      'cycle_start_utc',
      'guild_id',
      'command',
      'model',
      'requests',
      'refused',
      'failed',
      'input_tokens',
      'output_tokens',
      'cost_usd',
    ],
    ledger.rows.map((r) => [
      ledger.cycleStart.toISOString(),
      r.guild_id,
      r.command,
      r.model,
      r.requests,
      r.refused,
      r.failed,
      r.input_tokens,
      r.output_tokens,
      r.cost_usd.toFixed(8),
    ]),
  );
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="communityos-ai-costs-${ledger.cycleStart.toISOString().slice(0, 10)}.csv"`,
    },
  });
});
