import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '@/lib/http/errors';
import {
  applyStripePurchase,
  applyStripeReversal,
  recordStripeEvent,
  type StripePurchaseInput,
} from '@/lib/ledger/stripe-apply';
import { getWallet } from '@/lib/ledger/wallet';
import { failure, invariants, makeUsers, ownerClient, sqlstate, type TestUser } from './helpers';

/**
 * Stripe events applied exactly once: purchases keyed on the event id and on the checkout session id,
 * reversals proportional to the refunded amount, never more than was bought, in any order.
 */

let owner: pg.Client;
let buyer: TestUser;

beforeAll(async () => {
  owner = await ownerClient();
  [buyer] = (await makeUsers([{ username: 'stripe_buyer' }])) as [TestUser];
});

afterAll(async () => {
  expect((await invariants(owner)).filter((r) => !r.ok)).toEqual([]);
  await owner.end();
});

function purchase(over: Partial<StripePurchaseInput> = {}): StripePurchaseInput {
  return {
    eventId: `evt_${randomUUID()}`,
    checkoutSessionId: `cs_${randomUUID()}`,
    userId: buyer.id,
    packageId: 'starter',
    tokens: 100,
    amountCents: 999,
    currency: 'usd',
    paymentIntentId: `pi_${randomUUID()}`,
    ...over,
  };
}

async function balance(u: TestUser = buyer): Promise<number> {
  return (await getWallet(u.claims)).balance;
}

describe('applyStripePurchase', () => {
  it('credits once per event id and once per checkout session, whichever arrives first', async () => {
    const start = await balance();
    const p = purchase();
    const first = await applyStripePurchase(p);
    expect(first.credited).toBe(true);
    expect(first.transferId).toBeGreaterThan(0);
    expect(await balance()).toBe(start + 100);
    // The same event again, and the session's other event (async_payment_succeeded after completed).
    expect(await applyStripePurchase(p)).toEqual({ credited: false, transferId: null });
    expect(await applyStripePurchase({ ...p, eventId: `evt_${randomUUID()}` })).toEqual({
      credited: false,
      transferId: null,
    });
    expect(await balance()).toBe(start + 100);
  });

  it('an event id already used for another session credits nothing', async () => {
    const start = await balance();
    const a = purchase();
    await applyStripePurchase(a);
    expect((await applyStripePurchase(purchase({ eventId: a.eventId }))).credited).toBe(false);
    expect(await balance()).toBe(start + 100);
  });

  it('repays and unlocks a wallet left negative by a chargeback', async () => {
    const [u] = (await makeUsers([{ username: 'stripe_chargeback' }])) as [TestUser];
    const p = purchase({ userId: u.id, tokens: 100, amountCents: 1000 });
    await applyStripePurchase(p);
    await owner.query(
      `select * from ledger.transfer('tip', 'spend', $1, array[ledger.account_for('fan_wallet', $2), ledger.account_for('platform_revenue', null, 0)], array[-70, 70]::bigint[])`,
      [randomUUID(), u.id],
    );
    await applyStripeReversal({
      eventId: `evt_${randomUUID()}`,
      kind: 'dispute',
      paymentIntentId: p.paymentIntentId as string,
      amountCents: 1000,
    });
    expect(await getWallet(u.claims)).toEqual({ balance: -70, flagged: true });
    await applyStripePurchase(purchase({ userId: u.id, tokens: 50, amountCents: 500 }));
    expect(await getWallet(u.claims)).toEqual({ balance: -20, flagged: true });
    await applyStripePurchase(purchase({ userId: u.id, tokens: 100, amountCents: 999 }));
    expect(await getWallet(u.claims)).toEqual({ balance: 80, flagged: false });
  });

  it.each([
    ['an unknown user', { userId: '00000000-0000-0000-0000-000000000000' }, 'CO404'],
    ['an unknown package', { packageId: 'mega' }, 'CO404'],
    ['zero tokens', { tokens: 0 }, 'CO422'],
    ['a negative amount', { amountCents: -1 }, 'CO422'],
    ['a bad currency', { currency: 'dollars' }, 'CO422'],
  ] as const)(
    'refuses %s (%s) and records nothing, so a corrected retry still credits',
    async (_what, over, code) => {
      const p = purchase(over);
      const err = await failure(applyStripePurchase(p));
      expect(err.code).toBe(code);
      expect(toAppError(err).status).toBeGreaterThanOrEqual(400);
      const seen = await owner.query('select 1 from ledger.stripe_events where event_id = $1', [p.eventId]);
      expect(seen.rowCount).toBe(0);
      expect((await applyStripePurchase({ ...purchase(), eventId: p.eventId })).credited).toBe(true);
    },
  );
});

describe('applyStripeReversal', () => {
  it('partial refunds add up to exactly the tokens bought; a dispute after a full refund takes nothing', async () => {
    const p = purchase({ tokens: 100, amountCents: 999 });
    await applyStripePurchase(p);
    const start = await balance();
    const pi = p.paymentIntentId as string;
    const refund = (cents: number, kind: 'refund' | 'dispute' = 'refund') =>
      applyStripeReversal({ eventId: `evt_${randomUUID()}`, kind, paymentIntentId: pi, amountCents: cents });
    expect(await refund(333)).toMatchObject({ reversed: true, tokens: 33 });
    expect(await refund(333)).toMatchObject({ reversed: true, tokens: 33 });
    expect(await refund(333)).toMatchObject({ reversed: true, tokens: 34 });
    expect(await balance()).toBe(start - 100);
    expect(await refund(999, 'dispute')).toEqual({ reversed: false, tokens: 0, transferId: null });
    expect(await balance()).toBe(start - 100);
  });

  it('a repeated reversal event does nothing; an over-large dispute is capped at the purchase', async () => {
    const p = purchase({ tokens: 550, amountCents: 4999 });
    await applyStripePurchase(p);
    const start = await balance();
    const ev = {
      eventId: `evt_${randomUUID()}`,
      kind: 'refund' as const,
      paymentIntentId: p.paymentIntentId as string,
      amountCents: 1000,
    };
    const first = await applyStripeReversal(ev);
    expect(first).toMatchObject({ reversed: true, tokens: 110 });
    expect(await applyStripeReversal(ev)).toEqual({ reversed: false, tokens: 0, transferId: null });
    const dispute = await applyStripeReversal({
      ...ev,
      eventId: `evt_${randomUUID()}`,
      kind: 'dispute',
      amountCents: 99_999,
    });
    expect(dispute).toMatchObject({ reversed: true, tokens: 440 });
    expect(await balance()).toBe(start - 550);
    const legs = await owner.query<{ kind: string; amount: number }>(
      `select t.kind::text as kind, e.amount::int from ledger.entries e join ledger.transfers t on t.id = e.transfer_id
        join ledger.accounts a on a.id = e.account_id where e.transfer_id = $1 and a.kind = 'fan_wallet'`,
      [dispute.transferId],
    );
    expect(legs.rows).toEqual([{ kind: 'dispute', amount: -440 }]);
  });

  it('a refund that arrives before its purchase is applied when the purchase arrives', async () => {
    const [u] = (await makeUsers([{ username: 'stripe_early_refund' }])) as [TestUser];
    const p = purchase({ userId: u.id, tokens: 100, amountCents: 1000 });
    const early = await applyStripeReversal({
      eventId: `evt_${randomUUID()}`,
      kind: 'refund',
      paymentIntentId: p.paymentIntentId as string,
      amountCents: 400,
    });
    expect(early).toEqual({ reversed: false, tokens: 0, transferId: null });
    expect((await applyStripePurchase(p)).credited).toBe(true);
    expect(await getWallet(u.claims)).toEqual({ balance: 60, flagged: false });
    const history = await owner.query<{ kind: string }>(
      `select t.kind::text as kind from ledger.entries e join ledger.transfers t on t.id = e.transfer_id
        join ledger.accounts a on a.id = e.account_id where a.owner_id = $1 order by e.id`,
      [u.id],
    );
    expect(history.rows.map((r) => r.kind)).toEqual(['purchase', 'refund']);
  });

  it('refuses a bad kind, amount or missing payment intent (CO422)', async () => {
    for (const bad of [
      { kind: 'chargeback', amountCents: 1 },
      { kind: 'refund', amountCents: 0 },
    ]) {
      expect(
        await sqlstate(
          applyStripeReversal({
            eventId: `evt_${randomUUID()}`,
            paymentIntentId: 'pi_x',
            ...(bad as { kind: 'refund'; amountCents: number }),
          }),
        ),
      ).toBe('CO422');
    }
    expect(
      await sqlstate(
        applyStripeReversal({
          eventId: `evt_${randomUUID()}`,
          kind: 'refund',
          paymentIntentId: null as unknown as string,
          amountCents: 1,
        }),
      ),
    ).toBe('CO422');
  });
});

describe('recordStripeEvent', () => {
  it('is true the first time an event id is seen, false afterwards — including ids used by purchases', async () => {
    const id = `evt_${randomUUID()}`;
    expect(await recordStripeEvent(id, 'customer.created')).toBe(true);
    expect(await recordStripeEvent(id, 'customer.created')).toBe(false);
    const p = purchase();
    await applyStripePurchase(p);
    expect(await recordStripeEvent(p.eventId, 'checkout.session.completed')).toBe(false);
    // and an ignored event id is not credited later either
    expect((await applyStripePurchase(purchase({ eventId: id }))).credited).toBe(false);
  });
});
