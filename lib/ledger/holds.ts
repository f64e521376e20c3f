import 'server-only';
import type { Db } from '@/lib/db/tx';
import type { TransferKind } from './types';

/**
 * Two-phase transfers for features that reserve tokens first (paid calls): hold, then post (part or all,
 * several times while open) or void. Service-side: pass a transaction from asService(); the SQL functions
 * are granted to service_role only. Keys are idempotent per scope (hold) or per hold (post, void).
 */

export interface HoldInput {
  kind: TransferKind;
  payerId: string;
  payeeId: string;
  amount: number;
  scope: string;
  idempotencyKey: string;
  metadata?: Record<string, unknown>;
}

export async function holdTokens(
  db: Db,
  i: HoldInput,
): Promise<{ holdId: number; transferId: number; balance: number }> {
  const r = await db.query<{
    hold_id: string | number;
    transfer_id: string | number;
    balance: string | number;
  }>('select hold_id, transfer_id, balance from ledger.hold($1, $2, $3, $4, $5, $6, $7)', [
    i.kind,
    i.payerId,
    i.payeeId,
    i.amount,
    i.scope,
    i.idempotencyKey,
    i.metadata ?? {},
  ]);
  const row = r.rows[0];
  if (!row) throw new Error('ledger.hold returned no row');
  return { holdId: Number(row.hold_id), transferId: Number(row.transfer_id), balance: Number(row.balance) };
}

/** amount null posts everything left; final closes the hold and returns the rest to the payer. */
export async function postHold(
  db: Db,
  i: { holdId: number; amount: number | null; idempotencyKey: string; final?: boolean },
): Promise<{ transferId: number; posted: number; remaining: number; status: 'open' | 'posted' | 'voided' }> {
  const r = await db.query<{
    transfer_id: string | number;
    posted: string | number;
    remaining: string | number;
    status: 'open' | 'posted' | 'voided';
  }>('select transfer_id, posted, remaining, status from ledger.post_hold($1, $2, $3, $4)', [
    i.holdId,
    i.amount,
    i.idempotencyKey,
    i.final ?? false,
  ]);
  const row = r.rows[0];
  if (!row) throw new Error('ledger.post_hold returned no row');
  return {
    transferId: Number(row.transfer_id),
    posted: Number(row.posted),
    remaining: Number(row.remaining),
    status: row.status,
  };
}

export async function voidHold(
  db: Db,
  i: { holdId: number; idempotencyKey: string },
): Promise<{ transferId: number; released: number; status: 'open' | 'posted' | 'voided' }> {
  const r = await db.query<{
    transfer_id: string | number;
    released: string | number;
    status: 'open' | 'posted' | 'voided';
  }>('select transfer_id, released, status from ledger.void_hold($1, $2)', [i.holdId, i.idempotencyKey]);
  const row = r.rows[0];
  if (!row) throw new Error('ledger.void_hold returned no row');
  return { transferId: Number(row.transfer_id), released: Number(row.released), status: row.status };
}
