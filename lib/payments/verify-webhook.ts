import 'server-only';
import type Stripe from 'stripe';
import { AppError } from '@/lib/http/errors';
import { stripeWebhooks, WEBHOOK_TOLERANCE_SECONDS } from './stripe-client';
import { webhookSecret } from './webhook-secret';

/**
 * Verifies the Stripe-Signature header over the raw body (HMAC-SHA256 with the endpoint secret, timestamp
 * within 300 s) and only then parses the event. Every failure is a 400 BAD_REQUEST and nothing is written.
 */
export function verifyStripeEvent(rawBody: Buffer, signature: string | null): Stripe.Event {
  if (!signature) throw new AppError('BAD_REQUEST', 'Missing Stripe-Signature header');
  let event: Stripe.Event;
  try {
    event = stripeWebhooks.constructEvent(rawBody, signature, webhookSecret(), WEBHOOK_TOLERANCE_SECONDS);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : 'invalid signature';
    throw new AppError('BAD_REQUEST', `Webhook signature verification failed: ${reason}`);
  }
  // Correctly signed but not an event envelope: answer 400 rather than crash into a retried 500.
  const e = event as Partial<Stripe.Event> | null;
  if (
    typeof e?.id !== 'string' ||
    typeof e.type !== 'string' ||
    typeof e.data?.object !== 'object' ||
    e.data.object === null
  ) {
    throw new AppError('BAD_REQUEST', 'The webhook body is not a Stripe event');
  }
  return event;
}
