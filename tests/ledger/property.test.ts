import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims, Db } from '@/lib/db/tx';
import { holdTokens, postHold, voidHold } from '@/lib/ledger/holds';
import { applyStripePurchaseIn, applyStripeReversalIn } from '@/lib/ledger/stripe-apply';
import { tipCreatorIn } from '@/lib/ledger/tip';
import { makeUsers, type TestUser } from './helpers';
import { LedgerModel, type Outcome, PACKAGES, type SessionSpec } from './model';

/**
 * Model-based property test: random short sequences of Stripe purchases (duplicate and out-of-order
 * deliveries of each session's events), refunds and disputes (also before their purchase), tips (with
 * same-key retries, same and different parameters), and holds / posts / voids — applied to Postgres
 * through the same TypeScript calls the app uses, and to a small model (./model.ts). After every step:
 * the outcome (result or SQLSTATE) matches the model; every transfer sums to 0, every balance equals the
 * sum of its entries, versions are 1..n, no wallet is negative unless flagged (ledger.check_invariants());
 * and every user's wallet, flag, earnings and held tokens, and the platform revenue, equal the model's.
 *
 * Each sequence runs inside one transaction that is rolled back at the end (each step in a savepoint, as
 * a request in its own transaction would be), so sequences are independent and the checks stay small.
 * LEDGER_PROPERTY_RUNS sets the number of sequences (default 1000; `npm run test:ledger:nightly`: 10000).
 */

const RUNS = Number(process.env.LEDGER_PROPERTY_RUNS ?? 1000);
const USER_COUNT = 5; // fans 0..2, creators 3..4 (creators can buy and tip too)
const CREATORS = new Set([3, 4]);
const SESSIONS = 3;
const EVENTS_PER_SESSION = 3;
const MESSAGES = [null, ' hi ', 'x'.repeat(281)] as const;

type Step =
  | { t: 'purchase'; s: number; e: number }
  | { t: 'reversal'; s: number; r: number }
  | { t: 'tip'; from: number; to: number; amount: number; key: number; msg: number }
  | { t: 'retry' }
  | { t: 'hold'; from: number; to: number; amount: number }
  | { t: 'post'; h: number; amount: number | null; final: boolean }
  | { t: 'void'; h: number };

const user = fc.integer({ min: 0, max: USER_COUNT - 1 });
// Buyers lean on a few users (fans 0 and 1, creator 3) and payers are mostly some session's buyer
// (encoded as BUYER + session), so wallets actually fill, get spent and get clawed back; user 2 never buys
// (empty-wallet paths); anyone can be a (wrong) target.
const BUYER = 100;
const buyer = fc.constantFrom(0, 0, 1, 3);
const payer = fc.oneof(
  { weight: 4, arbitrary: fc.nat(SESSIONS - 1).map((s) => BUYER + s) },
  { weight: 1, arbitrary: user },
);
const purchaseArb = fc.record({
  t: fc.constant('purchase' as const),
  s: fc.nat(SESSIONS - 1),
  e: fc.nat(EVENTS_PER_SESSION - 1),
});
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: purchaseArb },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('reversal' as const), s: fc.nat(SESSIONS - 1), r: fc.nat(2) }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('tip' as const),
      from: payer,
      to: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(3, 4) }, { weight: 1, arbitrary: user }),
      amount: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(1, 4, 7, 25, 60, 90, 150, 700) },
        { weight: 1, arbitrary: fc.constantFrom(0, 100_001) },
      ),
      key: fc.nat(2),
      msg: fc.oneof(
        { weight: 8, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.constant(1) },
        { weight: 1, arbitrary: fc.constant(2) },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ t: 'retry' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('hold' as const),
      from: payer,
      to: fc.constantFrom(3, 4),
      amount: fc.constantFrom(1, 10, 40, 200),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('post' as const),
      h: fc.nat(1),
      amount: fc.constantFrom(null, 0, 5, 30),
      final: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('void' as const), h: fc.nat(1) }) },
);
/**
 * 1–12 steps. Often they start with a purchase or two, or with a short script that reaches a state random
 * steps rarely reach (a clawed-back wallet; an open hold with a partial post), then random steps follow.
 */
const SCRIPTS: Step[][] = [
  [
    { t: 'purchase', s: 0, e: 0 },
    { t: 'tip', from: BUYER, to: 3, amount: 90, key: 0, msg: 0 },
    { t: 'reversal', s: 0, r: 0 }, // session 0's first reversal is always a full one (see sessionsArb)
  ],
  [
    { t: 'purchase', s: 0, e: 0 },
    { t: 'tip', from: BUYER, to: 4, amount: 60, key: 1, msg: 1 },
    { t: 'reversal', s: 0, r: 0 },
    { t: 'purchase', s: 1, e: 0 }, // session 1 has session 0's buyer (see sessionsArb)
  ],
  [
    { t: 'purchase', s: 0, e: 0 },
    { t: 'hold', from: BUYER, to: 4, amount: 40 },
    { t: 'post', h: 0, amount: 5, final: false },
  ],
  [
    { t: 'purchase', s: 0, e: 0 },
    { t: 'hold', from: BUYER, to: 3, amount: 10 },
    { t: 'post', h: 0, amount: null, final: false },
    { t: 'void', h: 0 },
  ],
];
const headArb: fc.Arbitrary<Step[]> = fc.oneof(
  { weight: 3, arbitrary: fc.array(purchaseArb, { maxLength: 2 }) },
  { weight: 2, arbitrary: fc.constantFrom(...SCRIPTS) },
);
const stepsArb: fc.Arbitrary<Step[]> = fc
  .tuple(headArb, fc.array(stepArb, { minLength: 1, maxLength: 9 }))
  .map(([head, tail]) => [...head, ...tail]);

const sessionArb: fc.Arbitrary<SessionSpec> = fc.record({
  user: buyer,
  pkg: fc.nat(PACKAGES.length - 1),
  // Up to $120: more than any package's price, so an over-large dispute gets capped too.
  reversals: fc.array(
    fc.record({
      kind: fc.constantFrom('refund' as const, 'dispute' as const),
      cents: fc.oneof(
        { weight: 1, arbitrary: fc.constant(12_000) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 12_000 }) },
      ),
    }),
    { minLength: 3, maxLength: 3 },
  ),
});
const sessionsArb = fc.array(sessionArb, { minLength: SESSIONS, maxLength: SESSIONS }).map((all) => {
  const first = all[0] as SessionSpec;
  first.reversals[0] = { kind: first.reversals[0]?.kind ?? 'refund', cents: 12_000 };
  (all[1] as SessionSpec).user = first.user;
  return all;
});

let pool: pg.Pool;
let users: TestUser[];
/** How often each kind of outcome happened: the test fails if an interesting path was never exercised. */
const seen = new Map<string, number>();
const tally = (label: string) => seen.set(label, (seen.get(label) ?? 0) + 1);

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  users = await makeUsers(
    Array.from({ length: USER_COUNT }, (_, i) => ({
      username: `prop_${CREATORS.has(i) ? 'creator' : 'fan'}_${i}`,
      role: CREATORS.has(i) ? ('creator' as const) : ('fan' as const),
    })),
  );
});

afterAll(async () => {
  await pool.end();
});

/** One step in a savepoint, as `who` (a user's claims, or the service role), like asUser()/asService(). */
async function inStep<T>(db: Db, who: Claims | 'service', fn: () => Promise<T>): Promise<Outcome<T>> {
  await db.query('savepoint step');
  await db.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
    who === 'service' ? 'service_role' : 'authenticated',
    JSON.stringify(who === 'service' ? { role: 'service_role' } : who),
  ]);
  try {
    const value = await fn();
    await db.query('release savepoint step; reset role');
    return { ok: true, value };
  } catch (err) {
    const code = (err as { code?: string }).code;
    await db.query('rollback to savepoint step; reset role');
    if (!code || !/^(CO4\d\d)$/.test(code)) throw err;
    return { ok: false, code };
  }
}

interface DbState {
  failed: string[];
  balances: Record<string, [number, boolean, number, number]>;
  platform: number;
}

async function dbState(db: Db): Promise<DbState> {
  const r = await db.query<DbState>(
    `select
       (select coalesce(json_agg(c.name || ': ' || c.detail), '[]'::json)
          from ledger.check_invariants() c where not c.ok) as failed,
       (select coalesce(json_object_agg(b.owner_id, json_build_array(b.wallet, b.flagged, b.earnings, b.held)), '{}'::json)
          from (select a.owner_id,
                       coalesce(sum(a.balance) filter (where a.kind = 'fan_wallet'), 0) as wallet,
                       coalesce(bool_or(a.flagged), false) as flagged,
                       coalesce(sum(a.balance) filter (where a.kind = 'creator_earnings'), 0) as earnings,
                       coalesce(sum(a.balance) filter (where a.kind = 'hold'), 0) as held
                  from ledger.accounts a where a.owner_id is not null group by a.owner_id) b) as balances,
       (select coalesce(sum(a.balance), 0)::int from ledger.accounts a where a.kind = 'platform_revenue') as platform`,
  );
  return r.rows[0] as DbState;
}

function expectSameOutcome<T>(step: Step, got: Outcome<T>, want: Outcome<unknown>) {
  const label = JSON.stringify(step);
  expect(got.ok ? 'ok' : got.code, label).toBe(want.ok ? 'ok' : want.code);
}

async function runSequence(sessions: SessionSpec[], steps: Step[]): Promise<void> {
  const model = new LedgerModel(USER_COUNT, CREATORS, sessions);
  const holdIds: number[] = [];
  const db = await pool.connect();
  await db.query('begin');
  try {
    let last: Step | undefined;
    const resolve = (u: number) => (u >= BUYER ? (sessions[u - BUYER] as SessionSpec).user : u);
    for (const [i, original] of steps.entries()) {
      const raw = original.t === 'retry' ? last : original;
      if (!raw) continue;
      const step: Step = raw.t === 'tip' || raw.t === 'hold' ? { ...raw, from: resolve(raw.from) } : raw;
      if (step.t === 'purchase') {
        const spec = sessions[step.s] as SessionSpec;
        const pkg = PACKAGES[spec.pkg] as (typeof PACKAGES)[number];
        const eventId = `evt_cs${step.s}_${step.e}`;
        const got = await inStep(db, 'service', () =>
          applyStripePurchaseIn(db, {
            eventId,
            checkoutSessionId: `cs_${step.s}`,
            userId: (users[spec.user] as TestUser).id,
            packageId: pkg.id,
            tokens: pkg.tokens,
            amountCents: pkg.cents,
            currency: 'usd',
            paymentIntentId: `pi_${step.s}`,
          }),
        );
        const want = model.purchase(step.s, eventId);
        expectSameOutcome(step, got, want);
        tally(
          got.ok ? (got.value.credited ? 'purchase credited' : 'purchase duplicate') : `purchase ${got.code}`,
        );
        if (got.ok && want.ok) expect(got.value.credited, JSON.stringify(step)).toBe(want.value.credited);
      } else if (step.t === 'reversal') {
        const rev = (sessions[step.s] as SessionSpec).reversals[step.r] as SessionSpec['reversals'][number];
        const eventId = `evt_rv${step.s}_${step.r}`;
        const got = await inStep(db, 'service', () =>
          applyStripeReversalIn(db, {
            eventId,
            kind: rev.kind,
            paymentIntentId: `pi_${step.s}`,
            amountCents: rev.cents,
          }),
        );
        const wasFlagged = model.flagged((sessions[step.s] as SessionSpec).user);
        const want = model.reversal(step.s, eventId, rev.cents);
        expectSameOutcome(step, got, want);
        tally(
          got.ok
            ? got.value.reversed
              ? 'reversal took tokens'
              : 'reversal took nothing'
            : `reversal ${got.code}`,
        );
        if (!wasFlagged && model.flagged((sessions[step.s] as SessionSpec).user))
          tally('clawback flagged a wallet');
        if (got.ok && want.ok) {
          expect({ reversed: got.value.reversed, tokens: got.value.tokens }, JSON.stringify(step)).toEqual(
            want.value,
          );
        }
      } else if (step.t === 'tip') {
        const payer = users[step.from] as TestUser;
        const message = MESSAGES[step.msg] ?? null;
        const input = {
          creatorId: (users[step.to] as TestUser).id,
          amount: step.amount,
          message: message ?? undefined,
          idempotencyKey: `key-${step.key}`,
        };
        const wasFlagged = model.flagged(step.from);
        const got = await inStep(db, payer.claims, () => tipCreatorIn(db, input));
        const want = model.tip(step.from, step.to, step.amount, message, input.idempotencyKey);
        expectSameOutcome(step, got, want);
        tally(
          `tip ${got.ok ? (want.ok && want.value.replayOf ? 'replayed' : 'ok') : got.code}${wasFlagged ? ' (flagged wallet)' : ''}`,
        );
        if (got.ok && want.ok) {
          if (want.value.replayOf) expect(got.value, JSON.stringify(step)).toEqual(want.value.replayOf);
          else {
            expect(got.value.balance, JSON.stringify(step)).toBe(model.users[step.from]?.wallet);
            model.rememberTip(step.from, step.to, step.amount, message, input.idempotencyKey, got.value);
          }
        }
      } else if (step.t === 'hold') {
        const got = await inStep(db, 'service', () =>
          holdTokens(db, {
            kind: 'call_minute',
            payerId: (users[step.from] as TestUser).id,
            payeeId: (users[step.to] as TestUser).id,
            amount: step.amount,
            scope: 'property',
            idempotencyKey: `hold-${i}`,
          }),
        );
        const want = model.hold(step.from, step.to, step.amount);
        expectSameOutcome(step, got, want);
        tally(`hold ${got.ok ? 'ok' : got.code}`);
        if (got.ok) holdIds.push(got.value.holdId);
      } else if (step.t === 'post' || step.t === 'void') {
        const holdId = holdIds[step.h];
        if (holdId === undefined) continue;
        if (step.t === 'post') {
          const got = await inStep(db, 'service', () =>
            postHold(db, { holdId, amount: step.amount, final: step.final, idempotencyKey: `post-${i}` }),
          );
          const want = model.postHold(step.h, step.amount, step.final);
          expectSameOutcome(step, got, want);
          tally(`post ${got.ok ? got.value.status : got.code}`);
          if (got.ok && want.ok) {
            const { posted, remaining, status } = got.value;
            expect({ posted, remaining, status }, JSON.stringify(step)).toEqual(want.value);
          }
        } else {
          const got = await inStep(db, 'service', () =>
            voidHold(db, { holdId, idempotencyKey: `void-${i}` }),
          );
          const want = model.voidHold(step.h);
          expectSameOutcome(step, got, want);
          tally(`void ${got.ok ? 'ok' : got.code}`);
          if (got.ok && want.ok) expect(got.value.released, JSON.stringify(step)).toBe(want.value.released);
        }
      }
      if (step.t === 'purchase' || step.t === 'reversal' || step.t === 'tip') last = step;
      if (step.t === 'purchase' && model.wasRepaid) tally('purchase repaid a flagged wallet');

      const state = await dbState(db);
      expect(state.failed, `invariants after ${JSON.stringify(step)}`).toEqual([]);
      for (const [u, m] of model.users.entries()) {
        const id = (users[u] as TestUser).id;
        const [wallet, flagged, earnings, held] = state.balances[id] ?? [0, false, 0, 0];
        expect(
          { wallet: Number(wallet), flagged, earnings: Number(earnings), held: Number(held) },
          `user ${u} after step ${i} ${JSON.stringify(step)}`,
        ).toEqual({ wallet: m.wallet, flagged: model.flagged(u), earnings: m.earnings, held: m.held });
      }
      expect(state.platform, 'platform revenue').toBe(model.platform);
    }
  } finally {
    await db.query('rollback');
    db.release();
  }
}

describe('ledger model-based property', () => {
  it(
    `agrees with the model and keeps every invariant over ${RUNS} random sequences`,
    async () => {
      const started = performance.now();
      await fc.assert(fc.asyncProperty(sessionsArb, stepsArb, runSequence), { numRuns: RUNS });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`ledger property: ${RUNS} sequences in ${seconds} s`);
      console.log(
        [...seen.entries()]
          .sort()
          .map(([k, n]) => `  ${k}: ${n}`)
          .join('\n'),
      );
      if (RUNS >= 1000) {
        // Every interesting path must have happened, or the property proves little.
        for (const label of [
          'purchase credited',
          'purchase duplicate',
          'reversal took tokens',
          'reversal took nothing',
          'clawback flagged a wallet',
          'purchase repaid a flagged wallet',
          'tip ok',
          'tip replayed',
          'tip CO402',
          'tip CO402 (flagged wallet)',
          'tip CO404',
          'tip CO410',
          'tip CO422',
          'hold ok',
          'hold CO402',
          'post open',
          'post posted',
          'post CO409',
          'post CO422',
          'void ok',
        ]) {
          expect(seen.get(label) ?? 0, label).toBeGreaterThan(0);
        }
      }
    },
    Math.max(120_000, RUNS * 200),
  );
});
