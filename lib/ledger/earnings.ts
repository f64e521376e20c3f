import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import type { Earnings, TransferKind } from './types';

interface EarningsDbRow {
  available: number | string;
  lifetime_earned: number | string;
  platform_fee_paid: number | string;
  usd_cents_per_token: number;
  by_source: { kind: TransferKind; tokens: number; count: number }[];
}

/** The caller's earnings: available (all sub-accounts), lifetime credits, platform fee, by source. */
export async function getEarnings(claims: Claims): Promise<Earnings> {
  return asUser(claims, async (db) => {
    const r = await db.query<EarningsDbRow>(
      'select available, lifetime_earned, platform_fee_paid, usd_cents_per_token, by_source from public.my_earnings()',
    );
    const row = r.rows[0];
    return {
      available: Number(row?.available ?? 0),
      lifetime_earned: Number(row?.lifetime_earned ?? 0),
      platform_fee_paid: Number(row?.platform_fee_paid ?? 0),
      usd_cents_per_token: Number(row?.usd_cents_per_token ?? 0),
      by_source: (row?.by_source ?? []).map((s) => ({
        kind: s.kind,
        tokens: Number(s.tokens),
        count: Number(s.count),
      })),
    };
  });
}
