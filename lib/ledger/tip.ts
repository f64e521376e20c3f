import 'server-only';
import { asUser, type Claims, type Db } from '@/lib/db/tx';

export interface TipInput {
  creatorId: string;
  amount: number;
  message?: string;
  /** One per user action: a retry with the same key returns the first tip instead of tipping twice. */
  idempotencyKey: string;
}

/**
 * Tips a creator from the caller's wallet through public.tip_creator (80% to the creator, 20% platform
 * fee by default). Errors (SQLSTATE → error contract): CO402 INSUFFICIENT_TOKENS (also while the wallet is
 * locked after a chargeback), CO403 FORBIDDEN (banned), CO404 NOT_FOUND (not an active creator),
 * CO410 IDEMPOTENCY_CONFLICT (key reused with other parameters), CO422 VALIDATION_ERROR.
 */
export async function tipCreatorIn(db: Db, i: TipInput): Promise<{ transferId: number; balance: number }> {
  const r = await db.query<{ transfer_id: number | string; balance: number | string }>(
    'select transfer_id, balance from public.tip_creator($1, $2, $3, $4)',
    [i.creatorId, i.amount, i.message ?? null, i.idempotencyKey],
  );
  const row = r.rows[0];
  if (!row) throw new Error('tip_creator returned no row');
  return { transferId: Number(row.transfer_id), balance: Number(row.balance) };
}

export function tipCreator(claims: Claims, i: TipInput): Promise<{ transferId: number; balance: number }> {
  return asUser(claims, (db) => tipCreatorIn(db, i));
}
