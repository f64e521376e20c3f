import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { makeUsers, type TestUser } from '../ledger/helpers';
import type { SessionSpec } from '../ledger/model';
import { MoneyModel } from '../ledger/money-model';

/**
 * The ledger's property test extended to subscriptions, the shop and payouts: random sequences of Stripe
 * top-ups and tips (the ledger model's own operations) mixed with subscribes, cancels, price changes,
 * renewals (database time moved forward a month per run of the job), purchases of limited stock, payout
 * requests and admin decisions run against Postgres and against MoneyModel (tests/ledger/money-model.ts,
 * which extends LedgerModel). After every sequence the wallets, earnings, platform revenue, payout
 * clearing and stock agree with the model and ledger.check_invariants() holds. Each sequence runs in one
 * transaction that is rolled back.
 */

const FANS = 3;
const CREATORS = 2;
const PRODUCT_PRICE = 40;
const MIN_PAYOUT = 20;
const RUNS = Number(process.env.MONEY_PROPERTY_RUNS ?? 40);

type Step =
  | { t: 'fund'; f: number }
  | { t: 'tip'; f: number; c: number; amount: number }
  | { t: 'subscribe'; f: number; c: number }
  | { t: 'cancel'; f: number; c: number }
  | { t: 'price'; c: number; price: number }
  | { t: 'renew' }
  | { t: 'buy'; f: number; c: number }
  | { t: 'payout'; c: number; amount: number }
  | { t: 'decide'; p: number; how: 'approve' | 'reject' | 'fail' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('fund' as const), f: fc.nat(FANS - 1) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('tip' as const),
      f: fc.nat(FANS - 1),
      c: fc.nat(CREATORS - 1),
      amount: fc.constantFrom(5, 25, 60),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('subscribe' as const),
      f: fc.nat(FANS - 1),
      c: fc.nat(CREATORS - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('cancel' as const), f: fc.nat(FANS - 1), c: fc.nat(CREATORS - 1) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('price' as const),
      c: fc.nat(CREATORS - 1),
      price: fc.constantFrom(10, 30, 90),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ t: 'renew' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('buy' as const), f: fc.nat(FANS - 1), c: fc.nat(CREATORS - 1) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('payout' as const),
      c: fc.nat(CREATORS - 1),
      amount: fc.constantFrom(10, 20, 40, 80),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('decide' as const),
      p: fc.nat(2),
      how: fc.constantFrom('approve' as const, 'reject' as const, 'fail' as const),
    }),
  },
);

let pool: pg.Pool;
let fans: TestUser[];
let creators: TestUser[];
let admin: TestUser;
const tiers: string[] = [];
const products: string[] = [];
const seen = new Map<string, number>();
const tally = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const all = await makeUsers([
    ...Array.from({ length: FANS }, (_, i) => ({ username: `mp_fan_${i}` })),
    ...Array.from({ length: CREATORS }, (_, i) => ({
      username: `mp_creator_${i}`,
      role: 'creator' as const,
    })),
    { username: 'mp_admin', role: 'admin' as const },
  ]);
  fans = all.slice(0, FANS);
  creators = all.slice(FANS, FANS + CREATORS);
  admin = all[FANS + CREATORS] as TestUser;
  for (const c of creators) {
    await asUser(c.claims, async (db) => {
      tiers.push(
        (
          await db.query<{ id: string }>(
            `select (x.tier).id from public.save_subscription_tier(null, 1, 'Tier', 30) x`,
          )
        ).rows[0]?.id as string,
      );
      products.push(
        (
          await db.query<{ id: string }>(
            `insert into public.products (creator_id, kind, name, price, stock, download_url)
             values (auth.uid(), 'digital', 'Item', $1, 1, 'https://files.example.test/i') returning id`,
            [PRODUCT_PRICE],
          )
        ).rows[0]?.id as string,
      );
    });
    await asService((db) =>
      db.query(`select private.save_payout_account($1, 'simulated', 'ready', null, 'Holder', '1234', 'FR')`, [
        c.id,
      ]),
    );
  }
});

afterAll(async () => {
  await pool.end();
  // Every kind of outcome was reached at least once over all runs.
  for (const k of [
    'subscribe:ok',
    'subscribe:CO402',
    'renew:renewed',
    'renew:grace',
    'renew:expired',
    'buy:ok',
    'buy:CO409',
    'payout:ok',
    'payout:CO402',
    'decide:paid',
    'decide:returned',
    'tip:ok',
    'tip:CO402',
  ]) {
    expect(seen.get(k) ?? 0, `outcome ${k} never happened`).toBeGreaterThan(0);
  }
});

async function step<T>(
  db: pg.PoolClient,
  who: Claims | 'service',
  fn: () => Promise<T>,
): Promise<{ ok: true; v: T } | { ok: false; code: string }> {
  await db.query('savepoint s');
  await db.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
    who === 'service' ? 'service_role' : 'authenticated',
    JSON.stringify(who === 'service' ? { role: 'service_role' } : who),
  ]);
  try {
    const v = await fn();
    await db.query('release savepoint s; reset role');
    return { ok: true, v };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    await db.query('rollback to savepoint s; reset role');
    if (!/^CO4\d\d$/.test(code)) throw err;
    return { ok: false, code };
  }
}

/** Model index of creator c (fans come first). */
const C = (c: number) => FANS + c;

function newModel(sessions: SessionSpec[]): MoneyModel {
  const creatorIdx = new Set(Array.from({ length: CREATORS }, (_, c) => C(c)));
  const m = new MoneyModel(FANS + CREATORS, creatorIdx, sessions, MIN_PAYOUT);
  for (let c = 0; c < CREATORS; c++) {
    m.price.set(C(c), 30);
    m.stock.set(C(c), 1);
    m.productPrice.set(C(c), PRODUCT_PRICE);
  }
  return m;
}

async function houseBalances(db: pg.PoolClient): Promise<{ platform: number; clearing: number }> {
  const r = await db.query<{ platform: number; clearing: number }>(
    `select (select coalesce(sum(a.balance), 0)::int from ledger.accounts a where a.kind = 'platform_revenue') as platform,
            (select coalesce(sum(a.balance), 0)::int from ledger.accounts a where a.kind = 'payout_clearing') as clearing`,
  );
  return r.rows[0] as { platform: number; clearing: number };
}

const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : (r.code as string));

async function run(steps: Step[]): Promise<void> {
  const db = await pool.connect();
  const sessions: SessionSpec[] = [];
  const m = newModel(sessions);
  try {
    await db.query('begin');
    await db.query('update private.payout_config set min_tokens = $1', [MIN_PAYOUT]);
    const start = await houseBalances(db);
    for (const s of steps) {
      if (s.t === 'fund') {
        const f = fans[s.f] as TestUser;
        const eventId = `evt_${randomUUID()}`;
        const r = await step(db, 'service', () =>
          db.query('select ledger.apply_stripe_purchase($1, $2, $3, $4, $5, $6, $7, $8)', [
            eventId,
            `cs_${randomUUID()}`,
            f.id,
            'starter',
            100,
            999,
            'usd',
            `pi_${randomUUID()}`,
          ]),
        );
        expect(r.ok).toBe(true);
        sessions.push({ user: s.f, pkg: 0, reversals: [] });
        expect(m.purchase(sessions.length - 1, eventId)).toEqual({ ok: true, value: { credited: true } });
      } else if (s.t === 'tip') {
        const key = randomUUID();
        const r = await step(db, (fans[s.f] as TestUser).claims, () =>
          db.query('select public.tip_creator($1, $2, null, $3)', [
            (creators[s.c] as TestUser).id,
            s.amount,
            key,
          ]),
        );
        const want = m.tip(s.f, C(s.c), s.amount, null, key);
        expect(code(r)).toBe(want.ok ? 'ok' : want.code);
        tally(`tip:${code(r)}`);
      } else if (s.t === 'subscribe') {
        const r = await step(db, (fans[s.f] as TestUser).claims, () =>
          db.query<{ id: string }>('select id from public.subscribe($1)', [tiers[s.c]]),
        );
        const want = m.subscribe(s.f, C(s.c));
        expect(code(r)).toBe(want.ok ? 'ok' : want.code);
        if (r.ok && want.ok && !want.value.resumed) m.addSubscription(r.v.rows[0]?.id as string, s.f, C(s.c));
        tally(`subscribe:${code(r)}`);
      } else if (s.t === 'cancel') {
        const live = m.live(s.f, C(s.c));
        if (!live) continue;
        const r = await step(db, (fans[s.f] as TestUser).claims, () =>
          db.query('select public.cancel_subscription($1)', [live.id]),
        );
        expect(r.ok).toBe(true);
        m.cancel(live);
      } else if (s.t === 'price') {
        await step(db, (creators[s.c] as TestUser).claims, () =>
          db.query(`select public.save_subscription_tier($1, 1, 'Tier', $2)`, [tiers[s.c], s.price]),
        );
        m.price.set(C(s.c), s.price);
      } else if (s.t === 'renew') {
        const month = m.month + 1;
        // The job renews due subscriptions oldest period end first (then by id); when a wallet covers only
        // some of them, that order decides which renews, so the model is given the same order.
        const order = await db.query<{ id: string }>(
          `select s.id from public.subscriptions s
            where s.status in ('active', 'grace') and s.current_period_end <= now() + make_interval(months => $1, days => 1)
            order by s.current_period_end, s.id`,
          [month],
        );
        const rank = new Map(order.rows.map((x, i) => [x.id, i]));
        const r = await step(db, 'service', () =>
          db.query<{ subscription_id: string; outcome: string }>(
            `select * from private.renew_due_subscriptions(now() + make_interval(months => $1, days => 1))`,
            [month],
          ),
        );
        if (!r.ok) throw new Error(`renew failed ${r.code}`);
        const want = m.renew((id) => rank.get(id) ?? Number.POSITIVE_INFINITY);
        const got = new Map(r.v.rows.map((x) => [x.subscription_id, x.outcome]));
        expect(got).toEqual(want);
        for (const o of want.values()) tally(`renew:${o}`);
      } else if (s.t === 'buy') {
        const r = await step(db, (fans[s.f] as TestUser).claims, () =>
          db.query('select id from public.purchase_product($1, null, $2)', [products[s.c], randomUUID()]),
        );
        const want = m.buy(s.f, C(s.c));
        expect(code(r)).toBe(want.ok ? 'ok' : want.code);
        tally(`buy:${code(r)}`);
      } else if (s.t === 'payout') {
        const r = await step(db, (creators[s.c] as TestUser).claims, () =>
          db.query<{ id: string }>('select id from public.request_payout($1)', [s.amount]),
        );
        const want = m.requestPayout(C(s.c), s.amount);
        expect(code(r)).toBe(want.ok ? 'ok' : want.code);
        if (r.ok) m.addPayout(r.v.rows[0]?.id as string, C(s.c), s.amount);
        tally(`payout:${code(r)}`);
      } else if (s.t === 'decide') {
        const p = m.payouts[s.p];
        if (!p) continue;
        const r = await step(db, admin.claims, () =>
          db.query('select public.admin_decide_payout($1, $2, $3)', [
            p.id,
            s.how !== 'reject',
            'Not this time',
          ]),
        );
        const want = m.decide(p, s.how);
        expect(code(r)).toBe(want.ok ? 'ok' : want.code);
        if (!want.ok) continue;
        if (s.how !== 'reject') {
          const settled = await step(db, 'service', () =>
            db.query('select private.settle_payout($1, $2, $3, $4)', [
              p.id,
              s.how === 'approve',
              'tr_x',
              'Bank refused',
            ]),
          );
          expect(settled.ok).toBe(true);
        }
        tally(`decide:${want.value}`);
      }
    }
    // Compare every balance and the stock with the model, and the ledger's own invariants.
    for (const [i, f] of fans.entries()) {
      const r = await step(db, f.claims, () =>
        db.query<{ balance: string }>('select balance from public.my_wallet()'),
      );
      if (!r.ok) throw new Error(r.code);
      expect(Number(r.v.rows[0]?.balance), `wallet of fan ${i}`).toBe(m.users[i]?.wallet);
    }
    for (const [i, c] of creators.entries()) {
      const r = await step(db, c.claims, () =>
        db.query<{ available: string }>('select available from public.my_payout_summary()'),
      );
      if (!r.ok) throw new Error(r.code);
      expect(Number(r.v.rows[0]?.available), `earnings of creator ${i}`).toBe(m.users[C(i)]?.earnings);
      const st = await db.query<{ stock: number }>('select stock from public.products where id = $1', [
        products[i],
      ]);
      expect(st.rows[0]?.stock).toBe(m.stock.get(C(i)));
    }
    const end = await houseBalances(db);
    expect(end.platform - start.platform, 'platform revenue').toBe(m.platform);
    expect(Math.abs(end.clearing - start.clearing), 'payout clearing').toBe(m.payoutClearing);
    const bad = await db.query<{ name: string; detail: string }>(
      'select name, detail from ledger.check_invariants() where not ok',
    );
    expect(bad.rows).toEqual([]);
  } finally {
    await db.query('rollback');
    db.release();
  }
}

it('tips, top-ups, subscriptions, orders and payouts agree with the extended ledger model and keep its invariants', async () => {
  // Scripted openings: earnings and an open payout (so decisions have something to decide), and a
  // subscriber whose wallet runs dry (renewed twice, then grace, then expired).
  const head: Step[] = [
    { t: 'fund', f: 0 },
    { t: 'subscribe', f: 0, c: 0 },
    { t: 'buy', f: 0, c: 0 },
    { t: 'payout', c: 0, amount: 40 },
  ];
  const lapse: Step[] = [
    { t: 'fund', f: 2 },
    { t: 'subscribe', f: 2, c: 1 },
    { t: 'renew' },
    { t: 'renew' },
    { t: 'renew' },
    { t: 'renew' },
  ];
  const steps = fc
    .tuple(
      fc.constantFrom(
        head,
        [...head, { t: 'decide', p: 0, how: 'approve' } as Step],
        [...head, { t: 'decide', p: 0, how: 'fail' } as Step],
        lapse,
        [],
      ),
      fc.array(stepArb, { minLength: 4, maxLength: 22 }),
    )
    .map(([h, rest]) => [...h, ...rest]);
  await fc.assert(fc.asyncProperty(steps, run), { numRuns: RUNS });
}, 240_000);
