import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@/lib/db/tx';
import { toAppError } from '@/lib/http/errors';
import {
  applyStripePurchase,
  applyStripeReversal,
  type StripePurchaseInput,
} from '@/lib/ledger/stripe-apply';
import { getWallet } from '@/lib/ledger/wallet';
import { buyTokens, invariants, makeUsers, ownerClient, type TestUser } from './helpers';

/**
 * Races on separate connections. Each request is its own transaction, opened on its own connection and
 * set up exactly as asUser()/asService() do, and all of them are released at once, so the only thing
 * that orders them is Postgres (row locks, unique indexes).
 */

const K = 20;
let pool: pg.Pool;
let owner: pg.Client;
let creator: TestUser;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: K + 5 });
  owner = await ownerClient();
  [creator] = (await makeUsers([{ username: 'race_creator', role: 'creator' }])) as [TestUser];
});

afterAll(async () => {
  expect((await invariants(owner)).filter((r) => !r.ok)).toEqual([]);
  await owner.end();
  await pool.end();
});

type Outcome = { ok: true } | { ok: false; code: string };

/** Opens K transactions (as the given role/claims), then runs every statement at the same moment. */
async function race(
  jobs: { claims: Claims | 'service'; sql: string; params: unknown[] }[],
): Promise<Outcome[]> {
  const clients = await Promise.all(jobs.map(() => pool.connect()));
  try {
    await Promise.all(
      clients.map(async (c, i) => {
        const job = jobs[i] as (typeof jobs)[number];
        await c.query('begin');
        if (job.claims === 'service') {
          await c.query('set local role service_role');
        } else {
          await c.query('set local role authenticated');
          await c.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(job.claims)]);
        }
      }),
    );
    return await Promise.all(
      clients.map(async (c, i): Promise<Outcome> => {
        const job = jobs[i] as (typeof jobs)[number];
        try {
          await c.query(job.sql, job.params);
          await c.query('commit');
          return { ok: true };
        } catch (err) {
          await c.query('rollback');
          return { ok: false, code: String((err as { code?: string }).code) };
        }
      }),
    );
  } finally {
    for (const c of clients) c.release();
  }
}

const TIP = 'select * from public.tip_creator($1, $2, null, $3)';

describe('double spend', () => {
  it.each([
    [100, 7],
    [100, 10],
    [55, 20],
    [19, 20],
    [1000, 30],
  ])(
    `balance %i, %i-token debits: exactly floor(B/amount) of ${K} concurrent tips succeed, the rest get CO402`,
    async (balance, amount) => {
      const [fan] = (await makeUsers([{ username: `race_${randomUUID().slice(0, 8)}` }])) as [TestUser];
      await buyTokens(fan, balance);
      const outcomes = await race(
        Array.from({ length: K }, (_, i) => ({
          claims: fan.claims,
          sql: TIP,
          params: [creator.id, amount, `k${i}`],
        })),
      );
      const winners = Math.min(K, Math.floor(balance / amount));
      expect(outcomes.filter((o) => o.ok)).toHaveLength(winners);
      const losers = outcomes.filter((o): o is { ok: false; code: string } => !o.ok);
      expect(losers.map((o) => o.code)).toEqual(Array(K - winners).fill('CO402'));
      for (const l of losers)
        expect(toAppError({ code: l.code, message: 'x' }).code).toBe('INSUFFICIENT_TOKENS');
      expect(await getWallet(fan.claims)).toEqual({ balance: balance - winners * amount, flagged: false });
    },
  );

  it.each([1, 2, 3])(
    'holds and tips racing for one wallet: never more than the balance leaves it (round %i)',
    async () => {
      const [fan] = (await makeUsers([{ username: `race_mixed_${randomUUID().slice(0, 8)}` }])) as [TestUser];
      await buyTokens(fan, 100);
      const jobs = Array.from({ length: K }, (_, i) =>
        i % 2
          ? { claims: fan.claims, sql: TIP, params: [creator.id, 15, `t${i}`] }
          : {
              claims: 'service' as const,
              sql: `select * from ledger.hold('call_minute', $1, $2, 15, $3, $4)`,
              params: [fan.id, creator.id, `race:${fan.id}`, `h${i}`],
            },
      );
      const outcomes = await race(jobs);
      expect(outcomes.filter((o) => o.ok)).toHaveLength(6);
      expect(outcomes.filter((o) => !o.ok)).toEqual(Array(K - 6).fill({ ok: false, code: 'CO402' }));
      expect((await getWallet(fan.claims)).balance).toBe(10);
    },
  );

  it('the same idempotency key from many connections moves the tokens once', async () => {
    const [fan] = (await makeUsers([{ username: 'race_same_key' }])) as [TestUser];
    await buyTokens(fan, 100);
    const outcomes = await race(
      Array.from({ length: 10 }, () => ({
        claims: fan.claims,
        sql: TIP,
        params: [creator.id, 30, 'same-key'],
      })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect((await getWallet(fan.claims)).balance).toBe(70);
  });

  it('many fans tipping a brand-new creator at once create its sub-accounts once, without deadlocks', async () => {
    const [fresh] = (await makeUsers([{ username: 'race_new_creator', role: 'creator' }])) as [TestUser];
    const fans = await makeUsers(Array.from({ length: K }, (_, i) => ({ username: `race_fan_${i}` })));
    for (const f of fans) await buyTokens(f, 10);
    const outcomes = await race(
      fans.map((f) => ({ claims: f.claims, sql: TIP, params: [fresh.id, 10, 'first'] })),
    );
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    const shards = await owner.query<{ n: number; earned: number }>(
      `select count(*)::int as n, sum(balance)::int as earned from ledger.accounts where owner_id = $1 and kind = 'creator_earnings'`,
      [fresh.id],
    );
    const cfg = await owner.query<{ creator_shards: number }>('select creator_shards from ledger.config');
    expect(shards.rows[0]).toEqual({ n: cfg.rows[0]?.creator_shards, earned: K * 8 });
  });
});

describe('Stripe events applied concurrently', () => {
  const APPLY = 'select * from ledger.apply_stripe_purchase($1, $2, $3, $4, $5, $6, $7, $8)';
  const args = (p: StripePurchaseInput) => [
    p.eventId,
    p.checkoutSessionId,
    p.userId,
    p.packageId,
    p.tokens,
    p.amountCents,
    p.currency,
    p.paymentIntentId,
  ];
  const purchaseFor = (u: TestUser): StripePurchaseInput => ({
    eventId: `evt_${randomUUID()}`,
    checkoutSessionId: `cs_${randomUUID()}`,
    userId: u.id,
    packageId: 'popular',
    tokens: 550,
    amountCents: 4999,
    currency: 'usd',
    paymentIntentId: `pi_${randomUUID()}`,
  });

  it.each([1, 2, 3])('the same purchase from 5 connections is credited exactly once (round %i)', async () => {
    const [u] = (await makeUsers([{ username: `race_buyer_${randomUUID().slice(0, 8)}` }])) as [TestUser];
    const p = purchaseFor(u);
    const outcomes = await race(
      Array.from({ length: 5 }, () => ({ claims: 'service' as const, sql: APPLY, params: args(p) })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await getWallet(u.claims)).toEqual({ balance: 550, flagged: false });
    const credits = await owner.query(
      `select 1 from ledger.transfers where idempotency_scope = 'stripe.checkout' and idempotency_key = $1`,
      [p.checkoutSessionId],
    );
    expect(credits.rowCount).toBe(1);
  });

  it('5 different events of one checkout session, concurrently: one credit', async () => {
    const [u] = (await makeUsers([{ username: 'race_buyer_events' }])) as [TestUser];
    const p = purchaseFor(u);
    await race(
      Array.from({ length: 5 }, () => ({
        claims: 'service' as const,
        sql: APPLY,
        params: args({ ...p, eventId: `evt_${randomUUID()}` }),
      })),
    );
    expect((await getWallet(u.claims)).balance).toBe(550);
  });

  it('the TypeScript entry point, 5× concurrently through the app pool: one credited=true', async () => {
    const [u] = (await makeUsers([{ username: 'race_buyer_ts' }])) as [TestUser];
    const p = purchaseFor(u);
    const results = await Promise.all(Array.from({ length: 5 }, () => applyStripePurchase(p)));
    expect(results.filter((r) => r.credited)).toHaveLength(1);
    expect((await getWallet(u.claims)).balance).toBe(550);
  });

  it.each([1, 2, 3, 4])(
    'a purchase and its refunds racing, in any order, end at purchase − refunded (round %i)',
    async () => {
      const [u] = (await makeUsers([{ username: `race_refund_${randomUUID().slice(0, 8)}` }])) as [TestUser];
      const p = purchaseFor(u);
      const refund = (cents: number) => ({
        claims: 'service' as const,
        sql: 'select * from ledger.apply_stripe_reversal($1, $2, $3, $4)',
        params: [`evt_${randomUUID()}`, 'refund', p.paymentIntentId, cents],
      });
      const jobs = [
        refund(1000),
        { claims: 'service' as const, sql: APPLY, params: args(p) },
        refund(1000),
        refund(4999),
      ];
      const outcomes = await race(jobs.sort(() => Math.random() - 0.5));
      expect(outcomes.every((o) => o.ok)).toBe(true);
      // 1000 + 1000 + 4999 cents refunded of 4999: everything, never more.
      expect(await getWallet(u.claims)).toEqual({ balance: 0, flagged: false });
      expect(
        (
          await applyStripeReversal({
            eventId: `evt_${randomUUID()}`,
            kind: 'dispute',
            paymentIntentId: p.paymentIntentId as string,
            amountCents: 4999,
          })
        ).tokens,
      ).toBe(0);
    },
  );
});
