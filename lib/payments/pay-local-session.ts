import 'server-only';
import { AppError } from '@/lib/http/errors';
import { writeLog } from '@/lib/log/log';
import { buildLocalCheckoutEvent, type LocalEventType } from './build-local-event';
import { getOwnLocalSession, type LocalCheckoutSession, localId, settleLocalSession } from './local-sessions';
import { stripeWebhooks } from './stripe-client';
import { localWebhookSecret } from './webhook-secret';

/**
 * The local checkout's "Pay" and "Simulate failure". Paying builds a Stripe-format
 * checkout.session.completed event, signs it with the local webhook secret exactly as Stripe signs, and
 * POSTs it over HTTP to this app's own /api/stripe/webhook — the identical code path real Stripe takes;
 * nothing downstream knows it was local. Only then is the local session marked paid.
 */

interface Actor {
  userId: string;
  email: string | null;
  /** Origin of this server (where the webhook route answers). */
  selfUrl: string;
  requestId?: string;
}

export interface LocalPayResult {
  sessionId: string;
  status: 'paid' | 'failed';
  packageId: string;
  tokens: number;
  /** True when this call's event credited the wallet; false when it had already been credited. */
  credited: boolean;
}

function requireLocal(): string {
  const secret = localWebhookSecret();
  // Real Stripe configured: the local checkout does not exist.
  if (!secret) throw new AppError('NOT_FOUND', 'Local checkout is not available');
  return secret;
}

async function loadOpen(sessionId: string, userId: string): Promise<LocalCheckoutSession> {
  const s = await getOwnLocalSession(sessionId, userId);
  if (!s) throw new AppError('NOT_FOUND', 'Checkout session not found');
  return s;
}

async function postSignedEvent(
  a: Actor,
  secret: string,
  session: LocalCheckoutSession,
  type: LocalEventType,
  paymentIntentId: string | null,
): Promise<Record<string, unknown>> {
  const event = buildLocalCheckoutEvent({
    eventId: localId('evt_local'),
    type,
    session,
    paymentIntentId,
    email: a.email,
    baseUrl: a.selfUrl,
  });
  const payload = JSON.stringify(event);
  const signature = stripeWebhooks.generateTestHeaderString({ payload, secret });
  const res = await fetch(`${a.selfUrl}/api/stripe/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok || !body) {
    await writeLog(
      'error',
      'payments.local',
      `webhook answered ${res.status} to the local ${type} event`,
      { sessionId: session.id, eventId: event.id, body },
      a.requestId,
    );
    throw new AppError('INTERNAL', 'The payment could not be recorded. Nothing was charged; try again.');
  }
  return body;
}

export async function payLocalSession(sessionId: string, a: Actor): Promise<LocalPayResult> {
  const secret = requireLocal();
  const s = await loadOpen(sessionId, a.userId);
  const result = { sessionId: s.id, packageId: s.package_id, tokens: s.tokens };
  if (s.status === 'paid') return { ...result, status: 'paid', credited: false };
  if (s.status !== 'open') {
    throw new AppError('CONFLICT', `This checkout is ${s.status}. Start a new purchase from your wallet.`);
  }
  const paymentIntentId = localId('pi_local');
  const outcome = await postSignedEvent(a, secret, s, 'checkout.session.completed', paymentIntentId);
  await settleLocalSession(s.id, 'paid', paymentIntentId);
  return { ...result, status: 'paid', credited: outcome.action === 'credited' };
}

export async function failLocalSession(sessionId: string, a: Actor): Promise<LocalPayResult> {
  const secret = requireLocal();
  const s = await loadOpen(sessionId, a.userId);
  const result = { sessionId: s.id, packageId: s.package_id, tokens: s.tokens, credited: false };
  if (s.status === 'failed') return { ...result, status: 'failed' };
  if (s.status !== 'open') throw new AppError('CONFLICT', `This checkout is already ${s.status}.`);
  if (!(await settleLocalSession(s.id, 'failed', null))) {
    throw new AppError('CONFLICT', 'This checkout was completed meanwhile.');
  }
  // What Stripe sends when a delayed payment fails; the webhook records it and credits nothing.
  await postSignedEvent(a, secret, { ...s, status: 'failed' }, 'checkout.session.async_payment_failed', null);
  return { ...result, status: 'failed' };
}
