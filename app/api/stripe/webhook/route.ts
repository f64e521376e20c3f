import { MAX_BODY_BYTES, readBodyBytes, route } from '@/lib/http/route';
import { handleStripeEvent } from '@/lib/payments/handle-stripe-event';
import { verifyStripeEvent } from '@/lib/payments/verify-webhook';

/**
 * Stripe (or the local checkout, signing the same way) posts events here. The signature over the raw
 * body is checked before anything else; a bad one is a 400 with the error contract and writes nothing.
 * Any other failure is a 500 so Stripe retries — safe, because every credit is applied at most once.
 */
export const POST = route({ auth: 'none' }, async ({ req, requestId }) => {
  const raw = await readBodyBytes(req, MAX_BODY_BYTES);
  const event = verifyStripeEvent(raw, req.headers.get('stripe-signature'));
  const outcome = await handleStripeEvent(event, requestId);
  return { received: true, eventId: event.id, type: event.type, ...outcome };
});
