import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { clampPaging, type Page, toPage } from '@/lib/db/page';
import type { InvariantReport, LedgerAccountRow, LedgerEntryRow } from './types';

/** Admin's read-only ledger view. The SQL functions check private.is_admin() (CO403 otherwise). */

const PAGE_SIZE = 50;

export async function adminListAccounts(
  claims: Claims,
  o: { page: number; q?: string },
): Promise<Page<LedgerAccountRow>> {
  const { page, pageSize } = clampPaging(o.page, PAGE_SIZE, PAGE_SIZE);
  return asUser(claims, async (db) => {
    const r = await db.query<
      LedgerAccountRow & { balance: number | string; version: number | string; total_count: number | string }
    >(
      `select id, kind, owner_username, shard, balance, version, flagged, total_count
         from public.admin_ledger_accounts($1, $2, $3)`,
      [o.q?.trim() || null, pageSize, page],
    );
    return toPage(r.rows, page, pageSize, (x) => ({
      id: Number(x.id),
      kind: x.kind,
      owner_username: x.owner_username,
      shard: x.shard,
      balance: Number(x.balance),
      version: Number(x.version),
      flagged: x.flagged,
    }));
  });
}

export async function adminAccountEntries(
  claims: Claims,
  accountId: number,
  o: { page: number },
): Promise<Page<LedgerEntryRow>> {
  const { page, pageSize } = clampPaging(o.page, PAGE_SIZE, PAGE_SIZE);
  return asUser(claims, async (db) => {
    const r = await db.query<LedgerEntryRow & { total_count: number | string }>(
      `select entry_id, transfer_id, kind, amount, balance_after, account_version, created_at, memo, total_count
         from public.admin_ledger_entries($1, $2, $3)`,
      [accountId, pageSize, page],
    );
    return toPage(r.rows, page, pageSize, (x) => ({
      entry_id: Number(x.entry_id),
      transfer_id: Number(x.transfer_id),
      kind: x.kind,
      amount: Number(x.amount),
      balance_after: Number(x.balance_after),
      account_version: Number(x.account_version),
      created_at: x.created_at,
      memo: x.memo,
    }));
  });
}

/** Runs every ledger invariant (full scans: on demand, not on every page view). */
export async function checkInvariants(claims: Claims): Promise<InvariantReport> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ name: string; ok: boolean; detail: string; checked_at: Date }>(
      'select name, ok, detail, checked_at from public.admin_ledger_check()',
    );
    return {
      ok: r.rows.length > 0 && r.rows.every((c) => c.ok),
      checked_at: r.rows[0]?.checked_at ?? new Date(),
      checks: r.rows.map(({ name, ok, detail }) => ({ name, ok, detail })),
    };
  });
}
