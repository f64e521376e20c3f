import 'server-only';
import type Stripe from 'stripe';
import { AppError } from '@/lib/http/errors';
import { stripeWebhooks, WEBHOOK_TOLERANCE_SECONDS } from './stripe-client';
import { webhookSecret } from './webhook-secret';

/** Reads the request body as raw bytes (the signature covers them exactly), refusing more than maxBytes. */
export async function readRawBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${maxBytes} bytes`);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError('PAYLOAD_TOO_LARGE', `Request body is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

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
