import 'server-only';
import { randomBytes } from 'node:crypto';
import { asService } from '@/lib/db/tx';

/** Local-mode checkout sessions (private.local_checkout_sessions): the local stand-in for Stripe's. */

export type LocalSessionStatus = 'open' | 'paid' | 'failed' | 'expired';

export interface LocalCheckoutSession {
  id: string;
  user_id: string;
  package_id: string;
  tokens: number;
  amount_cents: number;
  currency: string;
  status: LocalSessionStatus;
  payment_intent_id: string | null;
  created_at: Date;
  expires_at: Date;
}

/** Stripe-like ids: prefix + 24 url-safe alphanumerics. */
export function localId(prefix: 'cs_local' | 'evt_local' | 'pi_local'): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(24);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return `${prefix}_${s}`;
}

export async function createLocalSession(i: {
  userId: string;
  packageId: string;
  tokens: number;
  amountCents: number;
  currency: string;
}): Promise<LocalCheckoutSession> {
  const r = await asService((db) =>
    db.query<LocalCheckoutSession>(
      `insert into private.local_checkout_sessions (id, user_id, package_id, tokens, amount_cents, currency)
       values ($1, $2, $3, $4, $5, $6)
       returning id, user_id, package_id, tokens, amount_cents, currency, status, payment_intent_id,
                 created_at, expires_at`,
      [localId('cs_local'), i.userId, i.packageId, i.tokens, i.amountCents, i.currency],
    ),
  );
  const row = r.rows[0];
  if (!row) throw new Error('local checkout session was not created');
  return row;
}

/**
 * The session when it belongs to this user (anyone else gets null, exactly as for an unknown id).
 * An open session past its expiry is reported — and stored — as expired.
 */
export async function getOwnLocalSession(id: string, userId: string): Promise<LocalCheckoutSession | null> {
  return asService(async (db) => {
    await db.query(
      `update private.local_checkout_sessions set status = 'expired', updated_at = now()
        where id = $1 and user_id = $2 and status = 'open' and expires_at <= now()`,
      [id, userId],
    );
    const r = await db.query<LocalCheckoutSession>(
      `select id, user_id, package_id, tokens, amount_cents, currency, status, payment_intent_id,
              created_at, expires_at
         from private.local_checkout_sessions where id = $1 and user_id = $2`,
      [id, userId],
    );
    return r.rows[0] ?? null;
  });
}

/**
 * Records the outcome of a local session. `failed` only from open (returns false when it was paid
 * meanwhile). `paid` from open or failed: it is written after the ledger accepted the signed event, and the
 * ledger is the truth — a "Simulate failure" racing a "Pay" must not hide a credit.
 */
export async function settleLocalSession(
  id: string,
  status: 'paid' | 'failed',
  paymentIntentId: string | null,
): Promise<boolean> {
  const r = await asService((db) =>
    db.query(
      `update private.local_checkout_sessions
          set status = $2, payment_intent_id = coalesce($3, payment_intent_id), updated_at = now()
        where id = $1 and (status = 'open' or ($2 = 'paid' and status = 'failed'))`,
      [id, status, paymentIntentId],
    ),
  );
  return (r.rowCount ?? 0) > 0;
}
