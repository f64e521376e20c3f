import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import {
  checkoutSession,
  claimsOf,
  deliver,
  dispute,
  fund,
  makeUser,
  newId,
  outboxCount,
  refundedCharge,
  stripeEvent,
  type TestUser,
  unhandledEvent,
  webhookRequest,
} from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

const { POST: webhookRoute } = await import('@/app/api/stripe/webhook/route');
const { getPackage } = await import('@/lib/ledger/packages');
const { getWallet } = await import('@/lib/ledger/wallet');
const { tipCreator } = await import('@/lib/ledger/tip');
const { asService } = await import('@/lib/db/tx');
const { getPool } = await import('@/lib/db/pool');
const { webhookSecret } = await import('@/lib/payments/webhook-secret');

type Pkg = { id: string; tokens: number; price_cents: number };
let starter: Pkg;
let popular: Pkg;

beforeAll(async () => {
  const s = await getPackage('starter');
  const p = await getPackage('popular');
  if (!s || !p) throw new Error('token packages are not seeded');
  starter = s;
  popular = p;
});

const balanceOf = async (u: TestUser) => (await getWallet(claimsOf(u))).balance;

/** Rows the webhook could write, counted as the superuser (the ledger schema is closed to API roles). */
async function writes(u: TestUser) {
  const pool = await getPool();
  const q = async (sql: string, params: unknown[] = []) =>
    Number((await pool.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);
  return {
    events: await q('select count(*)::int as n from ledger.stripe_events'),
    payments: await q('select count(*)::int as n from ledger.stripe_payments'),
    transfers: await q('select count(*)::int as n from ledger.transfers'),
    outbox: await outboxCount(u.email),
    balance: await balanceOf(u),
  };
}

async function purchaseTransfersFor(sessionId: string): Promise<number> {
  const pool = await getPool();
  const r = await pool.query<{ n: number }>(
    'select count(*)::int as n from ledger.stripe_payments where checkout_session_id = $1',
    [sessionId],
  );
  return r.rows[0]?.n ?? 0;
}

describe('checkout.session.completed (fixture-shaped, really signed)', () => {
  it('credits the package once and sends exactly one receipt to the outbox', async () => {
    const fan = await makeUser();
    const session = checkoutSession({
      userId: fan.id,
      packageId: starter.id,
      tokens: starter.tokens,
      amountCents: starter.price_cents,
    });
    const r = await deliver(stripeEvent('checkout.session.completed', session));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: true, type: 'checkout.session.completed', action: 'credited' });
    expect(r.body.receiptSent).toBe(true);
    expect(await balanceOf(fan)).toBe(starter.tokens);
    expect(await outboxCount(fan.email)).toBe(1);
    const mail = await asService((db) =>
      db.query<{ subject: string; text_body: string }>(
        `select subject, text_body from private.email_outbox where to_address = $1 and tag = 'purchase-receipt'`,
        [fan.email],
      ),
    );
    expect(mail.rows[0]?.subject).toContain('100 tokens');
    expect(mail.rows[0]?.text_body).toContain(session.id as string);
  });

  it('the same event POSTed 5× concurrently credits once (balance, transfers, emails)', async () => {
    const fan = await makeUser();
    const session = checkoutSession({
      userId: fan.id,
      packageId: popular.id,
      tokens: popular.tokens,
      amountCents: popular.price_cents,
    });
    const event = stripeEvent('checkout.session.completed', session);
    const before = await writes(fan);
    const results = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.filter((r) => r.body.action === 'credited')).toHaveLength(1);
    expect(results.filter((r) => r.body.action === 'duplicate')).toHaveLength(4);
    const after = await writes(fan);
    expect(after.balance).toBe(popular.tokens);
    expect(after.payments - before.payments).toBe(1);
    expect(after.transfers - before.transfers).toBe(1);
    expect(after.outbox).toBe(1);
    expect(await purchaseTransfersFor(session.id as string)).toBe(1);
  });

  it('the same checkout session under another event id is not credited again', async () => {
    const fan = await makeUser();
    const session = checkoutSession({
      userId: fan.id,
      packageId: starter.id,
      tokens: starter.tokens,
      amountCents: starter.price_cents,
    });
    const first = await deliver(stripeEvent('checkout.session.completed', session));
    expect(first.body.action).toBe('credited');
    // e.g. completed and async_payment_succeeded both "paid", or a replay with a fresh id
    const second = await deliver(stripeEvent('checkout.session.async_payment_succeeded', session));
    const third = await deliver(stripeEvent('checkout.session.completed', session));
    expect(second).toMatchObject({ status: 200, body: { action: 'duplicate' } });
    expect(third).toMatchObject({ status: 200, body: { action: 'duplicate' } });
    expect(await balanceOf(fan)).toBe(starter.tokens);
    expect(await outboxCount(fan.email)).toBe(1);
  });

  it('an unpaid completed session (delayed payment) credits nothing until async_payment_succeeded', async () => {
    const fan = await makeUser();
    const base = {
      userId: fan.id,
      packageId: starter.id,
      tokens: starter.tokens,
      amountCents: starter.price_cents,
    };
    const unpaid = checkoutSession({ ...base, paymentStatus: 'unpaid' });
    const r1 = await deliver(stripeEvent('checkout.session.completed', unpaid));
    expect(r1).toMatchObject({ status: 200, body: { action: 'ignored' } });
    expect(await balanceOf(fan)).toBe(0);
    const paid = { ...unpaid, payment_status: 'paid' };
    const r2 = await deliver(stripeEvent('checkout.session.async_payment_succeeded', paid));
    expect(r2).toMatchObject({ status: 200, body: { action: 'credited' } });
    expect(await balanceOf(fan)).toBe(starter.tokens);
  });

  it('a paid session for a user that does not exist is logged and answered 200 (retries cannot fix it)', async () => {
    const session = checkoutSession({
      userId: '00000000-0000-4000-8000-000000000001',
      packageId: starter.id,
      tokens: starter.tokens,
      amountCents: starter.price_cents,
    });
    const r = await deliver(stripeEvent('checkout.session.completed', session));
    expect(r).toMatchObject({ status: 200, body: { action: 'ignored' } });
    expect(String(r.body.reason)).toMatch(/cannot credit/);
    expect(await purchaseTransfersFor(session.id as string)).toBe(0);
  });

  it('a paid session that is not a token purchase (no metadata) is recorded and ignored', async () => {
    const fan = await makeUser();
    const session = checkoutSession({ userId: fan.id, packageId: 'starter', tokens: 100, amountCents: 999 });
    session.metadata = {};
    const r = await deliver(stripeEvent('checkout.session.completed', session));
    expect(r).toMatchObject({ status: 200, body: { action: 'ignored' } });
  });
});

describe('signature failures: 400 BAD_REQUEST with the error contract, nothing written', () => {
  const cases: { name: string; opts: (payload: string) => Parameters<typeof webhookRequest>[1] }[] = [
    { name: 'tampered body', opts: (p) => ({ sendBody: p.replace('"tokens":"100"', '"tokens":"9999"') }) },
    { name: 'stale timestamp (> 300 s)', opts: () => ({ timestamp: Math.floor(Date.now() / 1000) - 301 }) },
    { name: 'wrong secret', opts: () => ({ secret: 'whsec_not_the_endpoint_secret' }) },
    { name: 'missing Stripe-Signature header', opts: () => ({ header: null }) },
    { name: 'garbage header', opts: () => ({ header: 't=abc,v1=def' }) },
    {
      name: 'signature for another payload',
      opts: () => ({ header: webhookRequest('{"id":"evt_other"}').headers.get('stripe-signature') }),
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const fan = await makeUser();
      const session = checkoutSession({
        userId: fan.id,
        packageId: starter.id,
        tokens: starter.tokens,
        amountCents: starter.price_cents,
      });
      const payload = JSON.stringify(stripeEvent('checkout.session.completed', session));
      const before = await writes(fan);
      const res = await webhookRoute(webhookRequest(payload, c.opts(payload)));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('BAD_REQUEST');
      expect(typeof body.error.message).toBe('string');
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(await writes(fan)).toEqual(before);
    });
  }

  it('a fresh signature within the tolerance is accepted (the stale case can pass)', async () => {
    const fan = await makeUser();
    const session = checkoutSession({
      userId: fan.id,
      packageId: starter.id,
      tokens: starter.tokens,
      amountCents: starter.price_cents,
    });
    const r = await deliver(stripeEvent('checkout.session.completed', session), {
      timestamp: Math.floor(Date.now() / 1000) - 240,
    });
    expect(r.status).toBe(200);
    expect(webhookSecret()).toMatch(/^whsec_/);
  });

  it('a correctly signed body that is not an event → 400, nothing written', async () => {
    const fan = await makeUser();
    const before = await writes(fan);
    for (const body of ['{"id":"evt_x","type":"charge.refunded"}', '[1,2,3]', 'null']) {
      const res = await webhookRoute(webhookRequest(body));
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('BAD_REQUEST');
    }
    expect(await writes(fan)).toEqual(before);
  });

  it('a body over 1 MB is refused before verification (413)', async () => {
    const big = JSON.stringify({ id: 'evt_big', pad: 'x'.repeat(1024 * 1024) });
    const res = await webhookRoute(webhookRequest(big));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('other events', () => {
  it('an unhandled type (the fixture plan.created) is recorded and answered 200', async () => {
    const event = unhandledEvent();
    const r = await deliver(event);
    expect(r).toMatchObject({ status: 200, body: { received: true, action: 'ignored', firstSeen: true } });
    const again = await deliver(event);
    expect(again).toMatchObject({ status: 200, body: { action: 'ignored', firstSeen: false } });
  });

  it('charge.refunded (full) reverses the purchase', async () => {
    const fan = await makeUser();
    const { paymentIntentId } = await fund(fan, starter);
    const charge = refundedCharge(paymentIntentId, starter.price_cents, starter.price_cents);
    const r = await deliver(
      stripeEvent('charge.refunded', charge, { previous: { amount_refunded: 0, refunded: false } }),
    );
    expect(r).toMatchObject({ status: 200, body: { action: 'reversed', tokens: starter.tokens } });
    expect(await getWallet(claimsOf(fan))).toEqual({ balance: 0, flagged: false });
    // redelivery of the refund event changes nothing
    const event = stripeEvent('charge.refunded', charge, { previous: { amount_refunded: 0 } });
    await deliver(event);
    await deliver(event);
    expect(await balanceOf(fan)).toBe(0);
  });

  it('a partial refund reverses only the amount of this refund (amount_refunded minus previous)', async () => {
    const fan = await makeUser();
    const { paymentIntentId } = await fund(fan, popular);
    const half = Math.floor(popular.price_cents / 2);
    const r1 = await deliver(
      stripeEvent('charge.refunded', refundedCharge(paymentIntentId, popular.price_cents, half), {
        previous: { amount_refunded: 0 },
      }),
    );
    expect(r1.body.action).toBe('reversed');
    const after1 = await balanceOf(fan);
    expect(after1).toBeLessThan(popular.tokens);
    expect(after1).toBeGreaterThan(0);
    const r2 = await deliver(
      stripeEvent(
        'charge.refunded',
        refundedCharge(paymentIntentId, popular.price_cents, popular.price_cents),
        {
          previous: { amount_refunded: half },
        },
      ),
    );
    expect(r2.body.action).toBe('reversed');
    expect(await balanceOf(fan)).toBe(0);
  });

  it('a refund after the tokens were spent makes the wallet negative and flags it (spending blocked)', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    const { paymentIntentId } = await fund(fan, starter);
    await tipCreator(claimsOf(fan), { creatorId: creator.id, amount: 60, idempotencyKey: newId('tip') });
    const r = await deliver(
      stripeEvent(
        'charge.refunded',
        refundedCharge(paymentIntentId, starter.price_cents, starter.price_cents),
        {
          previous: { amount_refunded: 0 },
        },
      ),
    );
    expect(r.body.action).toBe('reversed');
    expect(await getWallet(claimsOf(fan))).toEqual({ balance: 40 - starter.tokens, flagged: true });
    await expect(
      tipCreator(claimsOf(fan), { creatorId: creator.id, amount: 1, idempotencyKey: newId('tip') }),
    ).rejects.toMatchObject({ code: 'CO402' });
  });

  it('charge.dispute.created reverses the disputed amount', async () => {
    const fan = await makeUser();
    const { paymentIntentId } = await fund(fan, starter);
    const r = await deliver(
      stripeEvent('charge.dispute.created', dispute(paymentIntentId, starter.price_cents)),
    );
    expect(r).toMatchObject({ status: 200, body: { action: 'reversed', tokens: starter.tokens } });
    expect(await balanceOf(fan)).toBe(0);
  });

  it('a refund for a payment we never credited changes nothing', async () => {
    const r = await deliver(
      stripeEvent('charge.refunded', refundedCharge(newId('pi'), 999, 999), {
        previous: { amount_refunded: 0 },
      }),
    );
    expect(r.status).toBe(200);
    expect(['not_reversed', 'ignored']).toContain(r.body.action);
  });

  it('a charge without a payment_intent is recorded and ignored', async () => {
    const charge = refundedCharge('pi_x', 999, 999);
    charge.payment_intent = null;
    const r = await deliver(stripeEvent('charge.refunded', charge));
    expect(r).toMatchObject({ status: 200, body: { action: 'ignored' } });
  });
});
