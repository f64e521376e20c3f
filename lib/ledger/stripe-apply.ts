import 'server-only';
import { asService, type Db } from '@/lib/db/tx';

/**
 * The Stripe webhook's only way into the ledger (service role). Exactly-once is decided in SQL: the event
 * id and the checkout session id are both unique and inserted in the transaction that credits, so any
 * number of deliveries, in any order and concurrently, credit once.
 */

export interface StripePurchaseInput {
  eventId: string;
  checkoutSessionId: string;
  userId: string;
  packageId: string;
  tokens: number;
  amountCents: number;
  currency: string;
  paymentIntentId: string | null;
}

export interface StripeReversalInput {
  eventId: string;
  kind: 'refund' | 'dispute';
  paymentIntentId: string;
  /** This event's refunded or disputed amount (not a running total). */
  amountCents: number;
}

export async function applyStripePurchaseIn(
  db: Db,
  i: StripePurchaseInput,
): Promise<{ credited: boolean; transferId: number | null }> {
  const r = await db.query<{ credited: boolean; transfer_id: number | string | null }>(
    'select credited, transfer_id from ledger.apply_stripe_purchase($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      i.eventId,
      i.checkoutSessionId,
      i.userId,
      i.packageId,
      i.tokens,
      i.amountCents,
      i.currency,
      i.paymentIntentId,
    ],
  );
  const row = r.rows[0];
  return {
    credited: row?.credited === true,
    transferId: row?.transfer_id == null ? null : Number(row.transfer_id),
  };
}

/** credited = false when this event id or this checkout session was already applied. */
export function applyStripePurchase(
  i: StripePurchaseInput,
): Promise<{ credited: boolean; transferId: number | null }> {
  return asService((db) => applyStripePurchaseIn(db, i));
}

export async function applyStripeReversalIn(
  db: Db,
  i: StripeReversalInput,
): Promise<{ reversed: boolean; tokens: number; transferId: number | null }> {
  const r = await db.query<{
    reversed: boolean;
    tokens: number | string;
    transfer_id: number | string | null;
  }>('select reversed, tokens, transfer_id from ledger.apply_stripe_reversal($1, $2, $3, $4)', [
    i.eventId,
    i.kind,
    i.paymentIntentId,
    i.amountCents,
  ]);
  const row = r.rows[0];
  return {
    reversed: row?.reversed === true,
    tokens: Number(row?.tokens ?? 0),
    transferId: row?.transfer_id == null ? null : Number(row.transfer_id),
  };
}

/**
 * Takes back tokens in proportion to amountCents of the original purchase (partial refunds add up; never
 * more than was credited). May leave the wallet negative, which locks it until repaid. reversed = false
 * for a repeated event, when nothing is left to take back, or when the purchase has not been credited yet
 * (the reversal is then applied when it is).
 */
export function applyStripeReversal(
  i: StripeReversalInput,
): Promise<{ reversed: boolean; tokens: number; transferId: number | null }> {
  return asService((db) => applyStripeReversalIn(db, i));
}

/** For events the ledger ignores: true the first time this event id is seen. */
export function recordStripeEvent(eventId: string, type: string): Promise<boolean> {
  return asService(async (db) => {
    const r = await db.query<{ first: boolean }>('select ledger.record_stripe_event($1, $2) as first', [
      eventId,
      type,
    ]);
    return r.rows[0]?.first === true;
  });
}
