import 'server-only';
import type Stripe from 'stripe';
import { z } from 'zod';
import { applyStripePurchase, applyStripeReversal, recordStripeEvent } from '@/lib/ledger/stripe-apply';
import { writeLog } from '@/lib/log/log';
import { sendPurchaseReceipt } from './send-receipt';

/**
 * Applies one verified Stripe event to the ledger. Exactly-once lives in SQL (unique event id and unique
 * checkout session id, inserted in the same transaction as the credit); this code only maps Stripe's
 * shapes onto the ledger's entry points and never decides "already seen" itself.
 */

export type WebhookOutcome =
  | { action: 'credited'; tokens: number; transferId: number | null; receiptSent: boolean }
  | { action: 'duplicate' }
  | { action: 'reversed'; tokens: number; transferId: number | null }
  | { action: 'not_reversed' }
  | { action: 'ignored'; reason: string; firstSeen: boolean };

const PurchaseMetadata = z.object({
  user_id: z.uuid(),
  package_id: z.string().min(1).max(40),
  tokens: z.coerce.number().int().positive(),
});

/** SQLSTATEs the ledger raises for bad input (unknown user or package, invalid amounts): retrying won't help. */
const isPermanent = (err: unknown) => ['CO404', 'CO422'].includes(String((err as { code?: unknown })?.code));

const idOf = (v: string | { id: string } | null | undefined): string | null =>
  typeof v === 'string' ? v : (v?.id ?? null);

async function ignore(
  event: Stripe.Event,
  reason: string,
  requestId?: string,
  warn = true,
): Promise<WebhookOutcome> {
  const firstSeen = await recordStripeEvent(event.id, event.type);
  if (warn && firstSeen) {
    await writeLog(
      'warn',
      'stripe.webhook',
      `ignored ${event.type}: ${reason}`,
      { eventId: event.id },
      requestId,
    );
  }
  return { action: 'ignored', reason, firstSeen };
}

async function onCheckoutPaid(
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
  requestId?: string,
): Promise<WebhookOutcome> {
  // checkout.session.completed for a delayed method (bank debit…) is still unpaid: wait for
  // checkout.session.async_payment_succeeded, which carries payment_status 'paid'.
  if (session.payment_status !== 'paid')
    return ignore(event, `payment_status is ${session.payment_status}`, requestId, false);
  if (session.mode !== 'payment') return ignore(event, `mode is ${session.mode}`, requestId);
  const meta = PurchaseMetadata.safeParse(session.metadata ?? {});
  if (!meta.success) return ignore(event, 'not a token purchase (metadata missing)', requestId);
  if (session.amount_total === null || !session.currency) {
    return ignore(event, 'amount_total or currency missing', requestId);
  }
  let r: Awaited<ReturnType<typeof applyStripePurchase>>;
  try {
    r = await applyStripePurchase({
      eventId: event.id,
      checkoutSessionId: session.id,
      userId: meta.data.user_id,
      packageId: meta.data.package_id,
      tokens: meta.data.tokens,
      amountCents: session.amount_total,
      currency: session.currency,
      paymentIntentId: idOf(session.payment_intent),
    });
  } catch (err) {
    // The buyer or the package no longer exists: a permanent problem that Stripe's retries cannot fix.
    // Log it loudly for a manual refund and answer 200; anything else (database down…) is a 500 → retry.
    if (!isPermanent(err)) throw err;
    await writeLog(
      'error',
      'stripe.webhook',
      'paid checkout could not be credited',
      {
        eventId: event.id,
        checkoutSessionId: session.id,
        metadata: meta.data,
        reason: (err as Error).message,
      },
      requestId,
      err,
    );
    return ignore(event, `cannot credit: ${(err as Error).message}`, requestId, false);
  }
  if (!r.credited) return { action: 'duplicate' };
  const receiptSent = await sendPurchaseReceipt({
    userId: meta.data.user_id,
    tokens: meta.data.tokens,
    amountCents: session.amount_total,
    currency: session.currency,
    checkoutSessionId: session.id,
    requestId,
  });
  return { action: 'credited', tokens: meta.data.tokens, transferId: r.transferId, receiptSent };
}

async function reverse(
  event: Stripe.Event,
  kind: 'refund' | 'dispute',
  paymentIntentId: string | null,
  amountCents: number,
  requestId?: string,
): Promise<WebhookOutcome> {
  if (!paymentIntentId) return ignore(event, 'no payment_intent on the charge', requestId);
  if (!(amountCents > 0)) return ignore(event, 'nothing to reverse (amount 0)', requestId);
  const r = await applyStripeReversal({ eventId: event.id, kind, paymentIntentId, amountCents });
  return r.reversed
    ? { action: 'reversed', tokens: r.tokens, transferId: r.transferId }
    : { action: 'not_reversed' };
}

export async function handleStripeEvent(event: Stripe.Event, requestId?: string): Promise<WebhookOutcome> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return onCheckoutPaid(event, event.data.object, requestId);
    case 'charge.refunded': {
      const charge = event.data.object;
      // amount_refunded is cumulative over the charge; this event's refund is the increase since the
      // previous state Stripe reports. Without previous_attributes, everything refunded so far.
      const before = event.data.previous_attributes?.amount_refunded ?? 0;
      return reverse(
        event,
        'refund',
        idOf(charge.payment_intent),
        charge.amount_refunded - before,
        requestId,
      );
    }
    case 'charge.dispute.created': {
      const dispute = event.data.object;
      return reverse(event, 'dispute', idOf(dispute.payment_intent), dispute.amount, requestId);
    }
    default:
      return ignore(event, 'unhandled event type', requestId, false);
  }
}
