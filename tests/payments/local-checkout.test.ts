import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { claimsOf, jsonRequest, makeUser, outboxCount, signInAs, type TestUser } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

const { POST: checkoutRoute } = await import('@/app/api/tokens/checkout/route');
const { POST: payRoute } = await import('@/app/api/checkout/local/pay/route');
const { POST: failRoute } = await import('@/app/api/checkout/local/fail/route');
const { POST: webhookRoute } = await import('@/app/api/stripe/webhook/route');
const { getWallet } = await import('@/lib/ledger/wallet');
const { asService } = await import('@/lib/db/tx');
const { resetEnvCache } = await import('@/lib/env');
const { resetWebhookSecretCache, webhookSecret } = await import('@/lib/payments/webhook-secret');

/**
 * The local pay step POSTs its signed event over HTTP to the app's own /api/stripe/webhook. Here a real
 * HTTP server on a free port serves that route (the real handler), and the pay route is called with a
 * request whose origin is that server — so the event really travels over HTTP, signature and all.
 */
let server: Server;
let origin: string;
const webhookHits: { signature: string | null; type: string }[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    if (req.url !== '/api/stripe/webhook' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    webhookHits.push({
      signature: headers.get('stripe-signature'),
      type: (JSON.parse(body.toString('utf8')) as { type: string }).type,
    });
    const r = await webhookRoute(new Request(`${origin}${req.url}`, { method: 'POST', headers, body }));
    res.writeHead(r.status, { 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  jar.values.clear();
  webhookHits.length = 0;
});

const at = (p: string) => `${origin}${p}`;

async function startCheckout(packageId = 'starter') {
  const res = await checkoutRoute(jsonRequest(at('/api/tokens/checkout'), { packageId }));
  return { status: res.status, body: await res.json() };
}

const sessionIdFrom = (url: string) => new URL(url, 'http://x').searchParams.get('session') as string;

async function sessionRow(id: string) {
  const r = await asService((db) =>
    db.query<{
      user_id: string;
      package_id: string;
      tokens: number;
      amount_cents: number;
      status: string;
      currency: string;
    }>(
      'select user_id, package_id, tokens, amount_cents, currency, status from private.local_checkout_sessions where id = $1',
      [id],
    ),
  );
  return r.rows[0];
}

const balanceOf = async (u: TestUser) => (await getWallet(claimsOf(u))).balance;

describe('POST /api/tokens/checkout (local mode)', () => {
  it('creates a local checkout session for the signed-in user and returns its page', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const r = await startCheckout('popular');
    expect(r.status).toBe(200);
    expect(r.body.url).toMatch(/^\/checkout\/local\?session=cs_local_[A-Za-z0-9]{24}$/);
    const id = sessionIdFrom(r.body.url);
    expect(r.body.sessionId).toBe(id);
    expect(await sessionRow(id)).toEqual({
      user_id: fan.id,
      package_id: 'popular',
      tokens: 550,
      amount_cents: 4999,
      currency: 'usd',
      status: 'open',
    });
    expect(await balanceOf(fan)).toBe(0); // creating a checkout credits nothing
  });

  it.each([
    ['unknown package → 404 NOT_FOUND', { packageId: 'mega' }, 404, 'NOT_FOUND'],
    ['empty package id → 422', { packageId: '' }, 422, 'VALIDATION_ERROR'],
    ['malformed package id → 422', { packageId: 'x; drop table' }, 422, 'VALIDATION_ERROR'],
    ['missing body field → 422', {}, 422, 'VALIDATION_ERROR'],
  ])('%s', async (_name, body, status, code) => {
    const fan = await makeUser();
    await signInAs(fan);
    const res = await checkoutRoute(jsonRequest(at('/api/tokens/checkout'), body));
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
  });

  it('anonymous → 401 AUTH_REQUIRED; a banned user is signed out → 401', async () => {
    const anon = await checkoutRoute(jsonRequest(at('/api/tokens/checkout'), { packageId: 'starter' }));
    expect(anon.status).toBe(401);
    const fan = await makeUser();
    await signInAs(fan);
    await asService((db) => db.query('update public.profiles set is_banned = true where id = $1', [fan.id]));
    const banned = await checkoutRoute(jsonRequest(at('/api/tokens/checkout'), { packageId: 'starter' }));
    expect(banned.status).toBe(401);
  });
});

describe('local pay flow, end to end through the handlers and real HTTP', () => {
  it('Pay posts a signed checkout.session.completed over HTTP, credits once, marks the session paid', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const id = sessionIdFrom((await startCheckout('starter')).body.url);
    const res = await payRoute(jsonRequest(at('/api/checkout/local/pay'), { sessionId: id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'paid',
      credited: true,
      tokens: 100,
      redirectTo: '/wallet?purchased=starter',
    });
    expect(webhookHits).toHaveLength(1);
    expect(webhookHits[0]?.type).toBe('checkout.session.completed');
    expect(webhookHits[0]?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(await balanceOf(fan)).toBe(100);
    expect((await sessionRow(id))?.status).toBe('paid');
    expect(await outboxCount(fan.email)).toBe(1);

    // paying again (sequentially and concurrently) never credits twice
    const again = await payRoute(jsonRequest(at('/api/checkout/local/pay'), { sessionId: id }));
    expect(await again.json()).toMatchObject({ status: 'paid', credited: false });
    expect(await balanceOf(fan)).toBe(100);
    expect(await outboxCount(fan.email)).toBe(1);
  });

  it('two concurrent Pay clicks credit once', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const id = sessionIdFrom((await startCheckout('best')).body.url);
    const results = await Promise.all(
      [1, 2].map(() => payRoute(jsonRequest(at('/api/checkout/local/pay'), { sessionId: id }))),
    );
    const bodies = await Promise.all(results.map((r) => r.json()));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(bodies.filter((b) => b.credited)).toHaveLength(1);
    expect(await balanceOf(fan)).toBe(1200);
  });

  it('someone else’s session, an unknown one and a malformed id are 404 / 422, nothing credited', async () => {
    const owner = await makeUser();
    await signInAs(owner);
    const id = sessionIdFrom((await startCheckout('starter')).body.url);
    const other = await makeUser();
    await signInAs(other);
    const res = await payRoute(jsonRequest(at('/api/checkout/local/pay'), { sessionId: id }));
    expect(res.status).toBe(404);
    const unknown = await payRoute(
      jsonRequest(at('/api/checkout/local/pay'), { sessionId: 'cs_local_AAAAAAAAAAAAAAAAAAAAAAAA' }),
    );
    expect(unknown.status).toBe(404);
    const malformed = await payRoute(jsonRequest(at('/api/checkout/local/pay'), { sessionId: 'cs_test_1' }));
    expect(malformed.status).toBe(422);
    expect(webhookHits).toHaveLength(0);
    expect(await balanceOf(owner)).toBe(0);
    expect((await sessionRow(id))?.status).toBe('open');
  });

  it('Simulate failure marks the session failed, posts an ignored async_payment_failed, and Pay is then refused', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const id = sessionIdFrom((await startCheckout('starter')).body.url);
    const res = await failRoute(jsonRequest(at('/api/checkout/local/fail'), { sessionId: id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'failed', credited: false });
    expect(webhookHits.map((h) => h.type)).toEqual(['checkout.session.async_payment_failed']);
    expect((await sessionRow(id))?.status).toBe('failed');
    const pay = await payRoute(jsonRequest(at('/api/checkout/local/pay'), { sessionId: id }));
    expect(pay.status).toBe(409);
    expect((await pay.json()).error.code).toBe('CONFLICT');
    expect(await balanceOf(fan)).toBe(0);
  });

  it('an expired session cannot be paid', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const id = sessionIdFrom((await startCheckout('starter')).body.url);
    await asService((db) =>
      db.query(
        `update private.local_checkout_sessions set expires_at = now() - interval '1 minute' where id = $1`,
        [id],
      ),
    );
    const pay = await payRoute(jsonRequest(at('/api/checkout/local/pay'), { sessionId: id }));
    expect(pay.status).toBe(409);
    expect((await sessionRow(id))?.status).toBe('expired');
    expect(await balanceOf(fan)).toBe(0);
  });

  it('with real Stripe configured the local pay route is a 404', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const id = sessionIdFrom((await startCheckout('starter')).body.url);
    const localSecret = webhookSecret();
    process.env.STRIPE_SECRET_KEY = 'sk_test_offline_never_called';
    process.env.STRIPE_WEBHOOK_SECRET = 'whsec_managed_test_secret';
    resetEnvCache();
    resetWebhookSecretCache();
    try {
      const res = await payRoute(jsonRequest(at('/api/checkout/local/pay'), { sessionId: id }));
      expect(res.status).toBe(404);
      expect(webhookHits).toHaveLength(0);
      // and the webhook trusts only the dashboard secret: a locally signed event is refused
      const event = JSON.stringify({
        id: 'evt_managed_x',
        object: 'event',
        type: 'ping',
        data: { object: {} },
      });
      const sign = (secret: string) => Stripe.webhooks.generateTestHeaderString({ payload: event, secret });
      const post = (signature: string) =>
        webhookRoute(
          new Request('http://localhost/api/stripe/webhook', {
            method: 'POST',
            headers: { 'stripe-signature': signature },
            body: event,
          }),
        );
      expect((await post(sign(localSecret))).status).toBe(400);
      expect((await post(sign('whsec_managed_test_secret'))).status).toBe(200);
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
      delete process.env.STRIPE_WEBHOOK_SECRET;
      resetEnvCache();
      resetWebhookSecretCache();
    }
  });
});
