import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { makeUsers, type TestUser } from '../ledger/helpers';

/**
 * Property test of the money paths added with subscriptions, the shop and payouts: random sequences of
 * top-ups, subscribes, cancels, price changes, renewals (database time moved forward a month per run of
 * the job), purchases of limited stock, payout requests and admin decisions run against Postgres and
 * against a naive model (below). After every sequence the wallets, earnings and stock agree with the
 * model and ledger.check_invariants() holds. Each sequence runs in one transaction that is rolled back.
 */

const FEE = (n: number) => Math.floor((n * 2000) / 10000);
const FANS = 3;
const CREATORS = 2;
const PRODUCT_PRICE = 40;
const MIN_PAYOUT = 20;
const RUNS = Number(process.env.MONEY_PROPERTY_RUNS ?? 40);

type Step =
  | { t: 'fund'; f: number }
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

interface SubModel {
  id: string;
  f: number;
  c: number;
  status: 'active' | 'grace' | 'expired';
  cancel: boolean;
  end: number; // in months after the start of the sequence
}

class Model {
  wallet = Array.from({ length: FANS }, () => 0);
  earnings = Array.from({ length: CREATORS }, () => 0);
  price = Array.from({ length: CREATORS }, () => 30);
  stock = Array.from({ length: CREATORS }, () => 1);
  subs: SubModel[] = [];
  payouts: { id: string; c: number; amount: number; status: string }[] = [];
  month = 0;
  live(f: number, c: number): SubModel | undefined {
    return this.subs.find((s) => s.f === f && s.c === c && s.status !== 'expired');
  }
  charge(f: number, c: number, amount: number): boolean {
    if ((this.wallet[f] as number) < amount) return false;
    this.wallet[f] = (this.wallet[f] as number) - amount;
    this.earnings[c] = (this.earnings[c] as number) + amount - FEE(amount);
    return true;
  }
}

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

async function run(steps: Step[]): Promise<void> {
  const db = await pool.connect();
  const m = new Model();
  try {
    await db.query('begin');
    await db.query('update private.payout_config set min_tokens = $1', [MIN_PAYOUT]);
    for (const s of steps) {
      if (s.t === 'fund') {
        const f = fans[s.f] as TestUser;
        await step(db, 'service', () =>
          db.query('select ledger.apply_stripe_purchase($1, $2, $3, $4, $5, $6, $7, $8)', [
            `evt_${randomUUID()}`,
            `cs_${randomUUID()}`,
            f.id,
            'starter',
            100,
            999,
            'usd',
            `pi_${randomUUID()}`,
          ]),
        );
        m.wallet[s.f] = (m.wallet[s.f] as number) + 100;
      } else if (s.t === 'subscribe') {
        const r = await step(db, (fans[s.f] as TestUser).claims, () =>
          db.query<{ id: string }>('select id from public.subscribe($1)', [tiers[s.c]]),
        );
        const live = m.live(s.f, s.c);
        const price = m.price[s.c] as number;
        if (live) {
          // Resumed when cancelled and still in its period; otherwise already subscribed.
          const resumable = live.cancel && live.status === 'active' && live.end > m.month;
          expect(r.ok ? 'ok' : r.code).toBe(resumable ? 'ok' : 'CO409');
          if (resumable) live.cancel = false;
        } else if ((m.wallet[s.f] as number) < price) {
          expect(r.ok ? 'ok' : r.code).toBe('CO402');
        } else {
          expect(r.ok).toBe(true);
          m.charge(s.f, s.c, price);
          if (r.ok)
            m.subs.push({
              id: r.v.rows[0]?.id as string,
              f: s.f,
              c: s.c,
              status: 'active',
              cancel: false,
              end: m.month + 1,
            });
        }
        tally(`subscribe:${r.ok ? 'ok' : r.code}`);
      } else if (s.t === 'cancel') {
        const live = m.live(s.f, s.c);
        if (!live) continue;
        const r = await step(db, (fans[s.f] as TestUser).claims, () =>
          db.query('select public.cancel_subscription($1)', [live.id]),
        );
        expect(r.ok).toBe(true);
        if (live.status === 'grace') live.status = 'expired';
        else live.cancel = true;
      } else if (s.t === 'price') {
        await step(db, (creators[s.c] as TestUser).claims, () =>
          db.query(`select public.save_subscription_tier($1, 1, 'Tier', $2)`, [tiers[s.c], s.price]),
        );
        m.price[s.c] = s.price;
      } else if (s.t === 'renew') {
        m.month += 1;
        // The job renews due subscriptions oldest period end first (then by id); when a wallet covers only
        // some of them, that order decides which renews, so the model follows the same order.
        const order = await db.query<{ id: string }>(
          `select s.id from public.subscriptions s
            where s.status in ('active', 'grace') and s.current_period_end <= now() + make_interval(months => $1, days => 1)
            order by s.current_period_end, s.id`,
          [m.month],
        );
        const rank = new Map(order.rows.map((x, i) => [x.id, i]));
        const r = await step(db, 'service', () =>
          db.query<{ subscription_id: string; outcome: string }>(
            `select * from private.renew_due_subscriptions(now() + make_interval(months => $1, days => 1))`,
            [m.month],
          ),
        );
        if (!r.ok) throw new Error(`renew failed ${r.code}`);
        const got = new Map(r.v.rows.map((x) => [x.subscription_id, x.outcome]));
        const due = m.subs
          .filter((x) => x.status !== 'expired' && x.end <= m.month)
          .sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
        for (const sub of due) {
          let want: string;
          if (sub.cancel) {
            sub.status = 'expired';
            want = 'expired';
          } else if (m.charge(sub.f, sub.c, m.price[sub.c] as number)) {
            sub.status = 'active';
            sub.end += 1;
            want = 'renewed';
          } else if (sub.status === 'grace') {
            sub.status = 'expired';
            want = 'expired';
          } else {
            sub.status = 'grace';
            want = 'grace';
          }
          expect(got.get(sub.id)).toBe(want);
          tally(`renew:${want}`);
        }
        expect(got.size).toBe(m.subs.filter((x) => r.v.rows.some((y) => y.subscription_id === x.id)).length);
      } else if (s.t === 'buy') {
        const r = await step(db, (fans[s.f] as TestUser).claims, () =>
          db.query('select id from public.purchase_product($1, null, $2)', [products[s.c], randomUUID()]),
        );
        const want =
          (m.wallet[s.f] as number) < PRODUCT_PRICE ? 'CO402' : (m.stock[s.c] as number) < 1 ? 'CO409' : 'ok';
        expect(r.ok ? 'ok' : r.code).toBe(want);
        if (want === 'ok') {
          m.charge(s.f, s.c, PRODUCT_PRICE);
          m.stock[s.c] = (m.stock[s.c] as number) - 1;
        }
        tally(`buy:${want}`);
      } else if (s.t === 'payout') {
        const r = await step(db, (creators[s.c] as TestUser).claims, () =>
          db.query<{ id: string }>('select id from public.request_payout($1)', [s.amount]),
        );
        const want =
          s.amount < MIN_PAYOUT ? 'CO422' : s.amount > (m.earnings[s.c] as number) ? 'CO402' : 'ok';
        expect(r.ok ? 'ok' : r.code).toBe(want);
        if (r.ok) {
          m.earnings[s.c] = (m.earnings[s.c] as number) - s.amount;
          m.payouts.push({ id: r.v.rows[0]?.id as string, c: s.c, amount: s.amount, status: 'requested' });
        }
        tally(`payout:${want}`);
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
        if (p.status !== 'requested') {
          expect(r.ok ? 'ok' : r.code).toBe('CO409');
          continue;
        }
        expect(r.ok).toBe(true);
        if (s.how !== 'reject') {
          await step(db, 'service', () =>
            db.query('select private.settle_payout($1, $2, $3, $4)', [
              p.id,
              s.how === 'approve',
              'tr_x',
              'Bank refused',
            ]),
          );
        }
        if (s.how === 'approve') {
          p.status = 'paid';
          tally('decide:paid');
        } else {
          p.status = 'returned';
          m.earnings[p.c] = (m.earnings[p.c] as number) + p.amount;
          tally('decide:returned');
        }
      }
    }
    // Compare every balance and the stock with the model, and the ledger's own invariants.
    for (const [i, f] of fans.entries()) {
      const r = await step(db, f.claims, () =>
        db.query<{ balance: string }>('select balance from public.my_wallet()'),
      );
      if (!r.ok) throw new Error(r.code);
      expect(Number(r.v.rows[0]?.balance), `wallet of fan ${i}`).toBe(m.wallet[i]);
    }
    for (const [i, c] of creators.entries()) {
      const r = await step(db, c.claims, () =>
        db.query<{ available: string }>('select available from public.my_payout_summary()'),
      );
      if (!r.ok) throw new Error(r.code);
      expect(Number(r.v.rows[0]?.available), `earnings of creator ${i}`).toBe(m.earnings[i]);
      const st = await db.query<{ stock: number }>('select stock from public.products where id = $1', [
        products[i],
      ]);
      expect(st.rows[0]?.stock).toBe(m.stock[i]);
    }
    const bad = await db.query<{ name: string; detail: string }>(
      'select name, detail from ledger.check_invariants() where not ok',
    );
    expect(bad.rows).toEqual([]);
  } finally {
    await db.query('rollback');
    db.release();
  }
}

it('subscriptions, orders and payouts agree with the model and keep the ledger invariants', async () => {
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
