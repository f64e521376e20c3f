import 'server-only';
import { asUser, type Claims, type Db } from '@/lib/db/tx';
import { clampPaging, type Page, toPage } from '@/lib/db/page';
import type { HistoryRow, TransferKind, Wallet } from './types';

/** The caller's wallet (0 and not flagged before the first purchase), through public.my_wallet(). */
export async function getWalletIn(db: Db): Promise<Wallet> {
  const r = await db.query<{ balance: number; flagged: boolean }>(
    'select balance, flagged from public.my_wallet()',
  );
  const row = r.rows[0];
  return { balance: Number(row?.balance ?? 0), flagged: row?.flagged === true };
}

export function getWallet(claims: Claims): Promise<Wallet> {
  return asUser(claims, getWalletIn);
}

type HistoryDbRow = Omit<HistoryRow, 'entry_id' | 'transfer_id' | 'amount' | 'balance_after'> & {
  entry_id: number | string;
  transfer_id: number | string;
  amount: number | string;
  balance_after: number | string;
  total_count: number | string;
};

/**
 * One page of the caller's history (wallet and earnings entries), newest first, optionally one transfer
 * kind. Amounts are signed from the caller's side; page sizes are 1..100.
 */
export async function listHistory(
  claims: Claims,
  o: { page: number; pageSize?: number; kind?: TransferKind },
): Promise<Page<HistoryRow>> {
  const { page, pageSize } = clampPaging(o.page, o.pageSize ?? 20, 100);
  return asUser(claims, async (db) => {
    const r = await db.query<HistoryDbRow>(
      `select entry_id, transfer_id, created_at, kind, amount, balance_after, counterparty_username,
              counterparty_display_name, memo, total_count, account_kind
         from public.my_history($1, $2, $3)`,
      [o.kind ?? null, pageSize, page],
    );
    return toPage(r.rows, page, pageSize, (x) => ({
      entry_id: Number(x.entry_id),
      transfer_id: Number(x.transfer_id),
      created_at: x.created_at,
      kind: x.kind,
      amount: Number(x.amount),
      balance_after: Number(x.balance_after),
      counterparty_username: x.counterparty_username,
      counterparty_display_name: x.counterparty_display_name,
      memo: x.memo,
      account_kind: x.account_kind,
    }));
  });
}
