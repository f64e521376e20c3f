import { readFileSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { expect } from 'vitest';
import { jar } from '../helpers/next-headers';

/**
 * Shared by the payments tests: users, sign-in through the real route, fixture-shaped Stripe events and
 * real Stripe signatures. Import it after vi.mock('next/headers', …) in each test file.
 */

const { POST: signinRoute } = await import('@/app/api/auth/signin/route');
const { POST: webhookRoute } = await import('@/app/api/stripe/webhook/route');
const { createLocalUser } = await import('@/lib/auth/local-auth');
const { asService } = await import('@/lib/db/tx');
const { webhookSecret } = await import('@/lib/payments/webhook-secret');

export const PASSWORD = 'correct-horse-battery';
let seq = 0;
const uniq = () =>
  `${process.pid.toString(36)}${(++seq).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type Obj = Record<string, unknown>;
const FIXTURES = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'fixtures/stripe-objects.json'), 'utf8'),
) as Record<'checkout.session' | 'charge' | 'dispute' | 'event', Obj>;
const clone = <T>(v: T): T => structuredClone(v);

export interface TestUser {
  id: string;
  email: string;
  username: string;
}

export async function makeUser(role: 'fan' | 'creator' | 'admin' = 'fan'): Promise<TestUser> {
  const n = uniq();
  const username = `pay_${n}`.slice(0, 30);
  const email = `${username}@example.test`;
  const id = await createLocalUser({ email, password: PASSWORD, username, displayName: `Payer ${n}` });
  if (role !== 'fan') {
    await asService((db) => db.query('update public.profiles set role = $2 where id = $1', [id, role]));
  }
  return { id, email, username };
}

export const claimsOf = (u: TestUser) => ({ sub: u.id, email: u.email, role: 'authenticated' as const });

let ipSeq = 0;
export function jsonRequest(
  url: string,
  body: unknown,
  init: { method?: string; headers?: Record<string, string> } = {},
): Request {
  return new Request(url.startsWith('http') ? url : `http://localhost${url}`, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.9.${Math.floor(++ipSeq / 250) % 250}.${ipSeq % 250}`,
      ...init.headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function signInAs(u: TestUser): Promise<void> {
  jar.values.clear();
  const res = await signinRoute(jsonRequest('/api/auth/signin', { email: u.email, password: PASSWORD }));
  expect(res.status).toBe(200);
}

export const newId = (prefix: string) => `${prefix}_test_${uniq()}${uniq()}`;

/** A checkout.session as Stripe publishes it (fixture), completed and paid for this user and package. */
export function checkoutSession(i: {
  sessionId?: string;
  userId: string;
  packageId: string;
  tokens: number;
  amountCents: number;
  paymentIntentId?: string;
  paymentStatus?: 'paid' | 'unpaid';
}): Obj {
  const s = clone(FIXTURES['checkout.session']);
  return Object.assign(s, {
    id: i.sessionId ?? newId('cs'),
    amount_subtotal: i.amountCents,
    amount_total: i.amountCents,
    currency: 'usd',
    metadata: { user_id: i.userId, package_id: i.packageId, tokens: String(i.tokens) },
    mode: 'payment',
    payment_intent: i.paymentIntentId ?? newId('pi'),
    payment_status: i.paymentStatus ?? 'paid',
    status: 'complete',
  });
}

/** A charge (fixture) for a payment intent, refunded by `refunded` cents in total, `before` of it earlier. */
export function refundedCharge(paymentIntentId: string, amount: number, refunded: number): Obj {
  return Object.assign(clone(FIXTURES.charge), {
    id: newId('ch'),
    amount,
    amount_captured: amount,
    amount_refunded: refunded,
    captured: true,
    payment_intent: paymentIntentId,
    refunded: refunded >= amount,
  });
}

export function dispute(paymentIntentId: string, amount: number): Obj {
  return Object.assign(clone(FIXTURES.dispute), { id: newId('dp'), amount, payment_intent: paymentIntentId });
}

/** Wraps an object in an event, shaped like the fixture event. */
export function stripeEvent(type: string, object: Obj, extra: { id?: string; previous?: Obj } = {}): Obj {
  const e = clone(FIXTURES.event);
  return Object.assign(e, {
    id: extra.id ?? newId('evt'),
    type,
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: extra.previous ? { object, previous_attributes: extra.previous } : { object },
  });
}

export function unhandledEvent(): Obj {
  return Object.assign(clone(FIXTURES.event), { id: newId('evt') }); // the fixture itself: plan.created
}

export interface SignOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Replace the header entirely (null: no header). */
  header?: string | null;
  /** Body actually sent (to tamper after signing). */
  sendBody?: string;
}

export function webhookRequest(event: Obj | string, o: SignOptions = {}): Request {
  const payload = typeof event === 'string' ? event : JSON.stringify(event);
  const header =
    o.header !== undefined
      ? o.header
      : Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: o.secret ?? webhookSecret(),
          timestamp: o.timestamp,
        });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (header !== null) headers['stripe-signature'] = header;
  return new Request('http://localhost/api/stripe/webhook', {
    method: 'POST',
    headers,
    body: o.sendBody ?? payload,
  });
}

export async function deliver(
  event: Obj | string,
  o: SignOptions = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await webhookRoute(webhookRequest(event, o));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Buys a package for the user through the real webhook (signed, fixture-shaped). */
export async function fund(
  u: TestUser,
  pkg: { id: string; tokens: number; price_cents: number },
): Promise<{ sessionId: string; paymentIntentId: string }> {
  const paymentIntentId = newId('pi');
  const session = checkoutSession({
    userId: u.id,
    packageId: pkg.id,
    tokens: pkg.tokens,
    amountCents: pkg.price_cents,
    paymentIntentId,
  });
  const r = await deliver(stripeEvent('checkout.session.completed', session));
  expect(r.status).toBe(200);
  expect(r.body.action).toBe('credited');
  return { sessionId: session.id as string, paymentIntentId };
}

export async function outboxCount(to: string, tag = 'purchase-receipt'): Promise<number> {
  return asService(async (db) => {
    const r = await db.query<{ n: number }>(
      'select count(*)::int as n from private.email_outbox where to_address = $1 and tag = $2',
      [to, tag],
    );
    return r.rows[0]?.n ?? 0;
  });
}
