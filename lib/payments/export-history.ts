import 'server-only';
import type { Claims } from '@/lib/db/tx';
import { toCsv } from '@/lib/http/csv';
import type { HistoryRow, TransferKind } from '@/lib/ledger/types';
import { listHistory } from '@/lib/ledger/wallet';

/**
 * Every history row of the filter (not one page) as CSV, newest first as on screen; times in UTC.
 * Amounts are split into credit and debit columns (both ≥ 0): toCsv prefixes any cell starting with "-"
 * with ' against formula injection, which would turn a signed debit into text.
 */
export async function exportHistoryCsv(claims: Claims, kind: TransferKind | undefined): Promise<string> {
  const rows: HistoryRow[] = [];
  for (let page = 1; page <= 10_000; page++) {
    const batch = await listHistory(claims, { page, pageSize: 100, kind });
    rows.push(...batch.items);
    if (page >= batch.pageCount || batch.items.length === 0) break;
  }
  return toCsv(
    [
      'date_utc',
      'kind',
      'counterparty',
      'credit',
      'debit',
      'balance_after',
      'memo',
      'transfer_id',
      'account',
    ],
    rows.map((r) => [
      r.created_at,
      r.kind,
      r.counterparty_username ?? '',
      r.amount > 0 ? r.amount : '',
      r.amount < 0 ? -r.amount : '',
      r.balance_after,
      r.memo,
      r.transfer_id,
      r.account_kind === 'creator_earnings' ? 'earnings' : 'wallet',
    ]),
  );
}
