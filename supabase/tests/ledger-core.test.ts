import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeIdentifier } from '@/lib/db/escape-identifier';
import { asService, asUser, type Db } from '@/lib/db/tx';
import { toAppError } from '@/lib/http/errors';
import { holdTokens, postHold, voidHold } from '@/lib/ledger/holds';
import { tipCreator } from '@/lib/ledger/tip';
import {
  buyTokens,
  failure,
  invariants,
  makeUsers,
  ownerClient,
  sqlstate,
  type TestUser,
} from '@/tests/ledger/helpers';

/**
 * The ledger core on real Postgres: ledger.transfer, ledger.tip / public.tip_creator, the clawback lock,
 * two-phase holds, append-only enforcement and the invariant checker — allowed and denied paths.
 */

let owner: pg.Client;
let fan: TestUser;
let fan2: TestUser;
let creator: TestUser;
let creator2: TestUser;
let bannedCreator: TestUser;
let bannedFan: TestUser;

interface Holdings {
  wallet: number;
  flagged: boolean;
  earnings: number;
  held: number;
}

async function holdings(u: TestUser): Promise<Holdings> {
  const r = await owner.query<Holdings>(
    `select coalesce(sum(balance) filter (where kind = 'fan_wallet'), 0)::int as wallet,
            coalesce(bool_or(flagged), false) as flagged,
            coalesce(sum(balance) filter (where kind = 'creator_earnings'), 0)::int as earnings,
            coalesce(sum(balance) filter (where kind = 'hold'), 0)::int as held
       from ledger.accounts where owner_id = $1`,
    [u.id],
  );
  return r.rows[0] as Holdings;
}

async function platformRevenue(): Promise<number> {
  const r = await owner.query<{ n: number }>(
    `select coalesce(sum(balance), 0)::int as n from ledger.accounts where kind = 'platform_revenue'`,
  );
  return r.rows[0]?.n ?? 0;
}

async function counts(): Promise<{ transfers: number; entries: number }> {
  const r = await owner.query<{ transfers: number; entries: number }>(
    'select (select count(*) from ledger.transfers)::int as transfers, (select count(*) from ledger.entries)::int as entries',
  );
  return r.rows[0] as { transfers: number; entries: number };
}

const tipSql = (
  db: Db,
  creatorId: string,
  amount: number | null,
  message: string | null,
  key: string | null,
) =>
  db.query<{ transfer_id: number; balance: number }>('select * from public.tip_creator($1, $2, $3, $4)', [
    creatorId,
    amount,
    message,
    key,
  ]);

async function accountId(kind: string, ownerId: string | null, shard = 0): Promise<number> {
  return asService(async (db) => {
    const r = await db.query<{ id: number }>('select ledger.account_for($1, $2, $3) as id', [
      kind,
      ownerId,
      shard,
    ]);
    return Number(r.rows[0]?.id);
  });
}

const transfer = (
  db: Db,
  kind: string,
  key: string,
  accounts: number[],
  amounts: number[],
  opts: { clawback?: boolean; metadata?: object } = {},
) =>
  db.query<{ transfer_id: number; replayed: boolean }>(
    'select * from ledger.transfer($1, $2, $3, $4, $5, $6, $7)',
    [kind, 'test', key, accounts, amounts, opts.metadata ?? {}, opts.clawback ?? false],
  );

beforeAll(async () => {
  owner = await ownerClient();
  [fan, fan2, creator, creator2, bannedCreator, bannedFan] = (await makeUsers([
    { username: 'core_fan' },
    { username: 'core_fan2' },
    { username: 'core_creator', role: 'creator' },
    { username: 'core_creator2', role: 'creator' },
    { username: 'core_banned_creator', role: 'creator', banned: true },
    { username: 'core_banned_fan', banned: true },
  ])) as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
});

afterAll(async () => {
  await owner.end();
});

describe('tip_creator', () => {
  it('moves amount − 20% to the creator and 20% to the platform; returns the transfer and the new balance', async () => {
    await buyTokens(fan, 1000);
    const platformBefore = await platformRevenue();
    const r = await tipCreator(fan.claims, {
      creatorId: creator.id,
      amount: 100,
      message: 'great stream',
      idempotencyKey: 'tip-1',
    });
    expect(r.balance).toBe(900);
    expect(r.transferId).toBeGreaterThan(0);
    expect(await holdings(fan)).toMatchObject({ wallet: 900, flagged: false });
    expect((await holdings(creator)).earnings).toBe(80);
    expect((await platformRevenue()) - platformBefore).toBe(20);
    const legs = await owner.query<{ kind: string; amount: number }>(
      `select a.kind, e.amount::int from ledger.entries e join ledger.accounts a on a.id = e.account_id
        where e.transfer_id = $1 order by e.amount`,
      [r.transferId],
    );
    expect(legs.rows).toEqual([
      { kind: 'fan_wallet', amount: -100 },
      { kind: 'platform_revenue', amount: 20 },
      { kind: 'creator_earnings', amount: 80 },
    ]);
    const t = await owner.query('select kind::text, metadata from ledger.transfers where id = $1', [
      r.transferId,
    ]);
    expect(t.rows[0]).toMatchObject({
      kind: 'tip',
      metadata: { memo: 'great stream', creator_id: creator.id },
    });
  });

  it.each([
    [7, 6, 1],
    [5, 4, 1],
    [4, 4, 0],
    [1, 1, 0],
  ])(
    'rounds the fee down: a tip of %i gives the creator %i and the platform %i',
    async (amount, toCreator, fee) => {
      const before = await holdings(creator2);
      const platformBefore = await platformRevenue();
      await tipCreator(fan.claims, { creatorId: creator2.id, amount, idempotencyKey: `fee-${amount}` });
      expect((await holdings(creator2)).earnings - before.earnings).toBe(toCreator);
      expect((await platformRevenue()) - platformBefore).toBe(fee);
    },
  );

  it('the same key and parameters replays the original transfer: same result, no second movement', async () => {
    const first = await tipCreator(fan.claims, {
      creatorId: creator.id,
      amount: 10,
      idempotencyKey: 'replay-me',
    });
    const before = await counts();
    const wallet = (await holdings(fan)).wallet;
    const again = await tipCreator(fan.claims, {
      creatorId: creator.id,
      amount: 10,
      idempotencyKey: 'replay-me',
    });
    expect(again).toEqual(first);
    expect(await counts()).toEqual(before);
    expect((await holdings(fan)).wallet).toBe(wallet);
  });

  it.each([
    ['another amount', { amount: 11 }],
    ['another message', { message: 'hello' }],
    ['another creator', { creator: 'creator2' }],
  ])('the same key with %s is CO410 (IDEMPOTENCY_CONFLICT) and moves nothing', async (_what, change) => {
    const key = `conflict-${randomUUID()}`;
    await tipCreator(fan.claims, { creatorId: creator.id, amount: 10, idempotencyKey: key });
    const before = await counts();
    const err = await failure(
      tipCreator(fan.claims, {
        creatorId: 'creator' in change ? creator2.id : creator.id,
        amount: 'amount' in change ? change.amount : 10,
        message: 'message' in change ? change.message : undefined,
        idempotencyKey: key,
      }),
    );
    expect(err.code).toBe('CO410');
    expect(toAppError(err).code).toBe('IDEMPOTENCY_CONFLICT');
    expect(toAppError(err).status).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('keys are per payer: another fan may use the same key', async () => {
    await buyTokens(fan2, 50);
    await tipCreator(fan.claims, { creatorId: creator.id, amount: 5, idempotencyKey: 'shared-key' });
    const r = await tipCreator(fan2.claims, {
      creatorId: creator.id,
      amount: 7,
      idempotencyKey: 'shared-key',
    });
    expect(r.balance).toBe(43);
  });

  it.each([
    ['amount 0', 'CO422', () => [creator.id, 0, null]],
    ['a negative amount', 'CO422', () => [creator.id, -5, null]],
    ['amount 100001', 'CO422', () => [creator.id, 100_001, null]],
    ['a message of 281 characters', 'CO422', () => [creator.id, 1, 'x'.repeat(281)]],
    ['tipping yourself', 'CO422', () => [fan.id, 1, null]],
    ['a fan as the target', 'CO404', () => [fan2.id, 1, null]],
    ['an unknown user as the target', 'CO404', () => [randomUUID(), 1, null]],
    ['a banned creator', 'CO404', () => [bannedCreator.id, 1, null]],
    ['more than the balance', 'CO402', () => [creator.id, 99_999, null]],
  ] as [string, string, () => [string, number, string | null]][])(
    'refuses %s (%s) and leaves no trace',
    async (_what, code, args) => {
      const [target, amount, message] = args();
      const before = await counts();
      const wallet = (await holdings(fan)).wallet;
      const key = `bad-${randomUUID()}`;
      expect(await sqlstate(asUser(fan.claims, (db) => tipSql(db, target, amount, message, key)))).toBe(code);
      expect(await counts()).toEqual(before);
      expect((await holdings(fan)).wallet).toBe(wallet);
    },
  );

  it('accepts a message of exactly 280 characters', async () => {
    const r = await tipCreator(fan.claims, {
      creatorId: creator.id,
      amount: 1,
      message: 'y'.repeat(280),
      idempotencyKey: 'long-message',
    });
    expect(r.transferId).toBeGreaterThan(0);
  });

  it('a banned payer cannot tip (CO403), a user without a wallet gets CO402, an empty key CO422', async () => {
    await buyTokens(bannedFan, 100);
    expect(
      await sqlstate(tipCreator(bannedFan.claims, { creatorId: creator.id, amount: 1, idempotencyKey: 'b' })),
    ).toBe('CO403');
    const [broke] = await makeUsers([{ username: 'core_broke' }]);
    const err = await failure(
      tipCreator((broke as TestUser).claims, { creatorId: creator.id, amount: 5, idempotencyKey: 'broke' }),
    );
    expect(err.code).toBe('CO402');
    expect(err.message).toMatch(/balance is 0, this needs 5/);
    expect(toAppError(err)).toMatchObject({ code: 'INSUFFICIENT_TOKENS', status: 402 });
    expect(
      await sqlstate(tipCreator(fan.claims, { creatorId: creator.id, amount: 1, idempotencyKey: '' })),
    ).toBe('CO422');
  });

  it('a failed tip does not burn its key: the same key works once the fan has the tokens', async () => {
    const [poor] = (await makeUsers([{ username: 'core_poor' }])) as [TestUser];
    await buyTokens(poor, 10);
    const input = { creatorId: creator.id, amount: 30, idempotencyKey: 'after-top-up' };
    expect(await sqlstate(tipCreator(poor.claims, input))).toBe('CO402');
    await buyTokens(poor, 50);
    expect((await tipCreator(poor.claims, input)).balance).toBe(30);
  });

  it('spreads a creator over sub-accounts and sums them on read', async () => {
    const shards = await owner.query<{ n: number; used: number; total: number }>(
      `select count(*)::int as n, count(*) filter (where version > 0)::int as used, sum(balance)::int as total
         from ledger.accounts where owner_id = $1 and kind = 'creator_earnings'`,
      [creator.id],
    );
    const cfg = await owner.query<{ creator_shards: number }>('select creator_shards from ledger.config');
    expect(shards.rows[0]?.n).toBe(cfg.rows[0]?.creator_shards);
    expect(shards.rows[0]?.used).toBeGreaterThan(1);
    expect(shards.rows[0]?.total).toBe((await holdings(creator)).earnings);
  });
});

describe('ledger.transfer (service role)', () => {
  let wallet: number;
  let platform: number;
  let clearing: number;

  beforeAll(async () => {
    await buyTokens(fan2, 200);
    wallet = await accountId('fan_wallet', fan2.id);
    platform = await accountId('platform_revenue', null, 3);
    clearing = await accountId('stripe_clearing', null);
  });

  it('account_for is get-or-create: the same id every time, validated kinds and owners', async () => {
    expect(await accountId('fan_wallet', fan2.id)).toBe(wallet);
    const fresh = await accountId('hold', creator2.id);
    expect(await accountId('hold', creator2.id)).toBe(fresh);
    const call = (kind: string, ownerId: string | null, shard = 0) =>
      sqlstate(asService((db) => db.query('select ledger.account_for($1, $2, $3)', [kind, ownerId, shard])));
    expect(await call('savings', fan2.id)).toBe('CO422');
    expect(await call('fan_wallet', null)).toBe('CO422');
    expect(await call('platform_revenue', fan2.id)).toBe('CO422');
    expect(await call('fan_wallet', fan2.id, 2)).toBe('CO422');
    expect(await call('fan_wallet', randomUUID())).toBe('CO404');
  });

  it('moves tokens, nets legs on one account, and replays a repeated key', async () => {
    const r = await asService((db) =>
      transfer(db, 'adjustment', 'adj-1', [wallet, platform, wallet], [-10, 15, -5]),
    );
    expect(r.rows[0]).toMatchObject({ replayed: false });
    const id = r.rows[0]?.transfer_id;
    const legs = await owner.query(
      'select account_id::int, amount::int from ledger.entries where transfer_id = $1 order by amount',
      [id],
    );
    expect(legs.rows).toEqual([
      { account_id: wallet, amount: -15 },
      { account_id: platform, amount: 15 },
    ]);
    const before = await counts();
    const again = await asService((db) =>
      transfer(db, 'adjustment', 'adj-1', [wallet, platform, wallet], [-10, 15, -5]),
    );
    expect(again.rows[0]).toEqual({ transfer_id: id, replayed: true });
    expect(await counts()).toEqual(before);
    expect(
      await sqlstate(asService((db) => transfer(db, 'adjustment', 'adj-1', [wallet, platform], [-16, 16]))),
    ).toBe('CO410');
  });

  it.each([
    [
      'legs that do not sum to zero',
      'CO422',
      () => [
        [wallet, platform],
        [-10, 9],
      ],
    ],
    ['a single leg', 'CO422', () => [[wallet], [0]]],
    [
      'legs that net to nothing',
      'CO422',
      () => [
        [wallet, wallet],
        [-3, 3],
      ],
    ],
    ['arrays of different lengths', 'CO422', () => [[wallet, platform], [-1]]],
    [
      'an unknown account',
      'CO404',
      () => [
        [wallet, 987654321],
        [-1, 1],
      ],
    ],
    [
      'more than the wallet holds',
      'CO402',
      () => [
        [wallet, platform],
        [-100000, 100000],
      ],
    ],
  ] as [string, string, () => [number[], number[]]][])('refuses %s (%s)', async (_what, code, legs) => {
    const [accounts, amounts] = legs();
    const before = await counts();
    expect(
      await sqlstate(
        asService((db) => transfer(db, 'adjustment', `bad-${randomUUID()}`, [...accounts], [...amounts])),
      ),
    ).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown kind and legs on a hold account (CO422)', async () => {
    expect(
      await sqlstate(asService((db) => transfer(db, 'gift', 'k-gift', [wallet, platform], [-1, 1]))),
    ).toBe('CO422');
    const hold = await accountId('hold', fan2.id);
    expect(
      await sqlstate(asService((db) => transfer(db, 'adjustment', 'k-hold', [wallet, hold], [-1, 1]))),
    ).toBe('CO422');
  });

  it('only a clawback may take a wallet below zero, and it flags the wallet', async () => {
    const { wallet: balance } = await holdings(fan2);
    const amounts = [-(balance + 25), balance + 25];
    expect(
      await sqlstate(asService((db) => transfer(db, 'refund', 'claw-no', [wallet, clearing], amounts))),
    ).toBe('CO402');
    await asService((db) =>
      transfer(db, 'refund', 'claw-yes', [wallet, clearing], amounts, { clawback: true }),
    );
    expect(await holdings(fan2)).toMatchObject({ wallet: -25, flagged: true });
    const err = await failure(
      tipCreator(fan2.claims, { creatorId: creator.id, amount: 1, idempotencyKey: 'locked' }),
    );
    expect(err.code).toBe('CO402');
    expect(err.message).toMatch(/locked: a refund or chargeback left it at -25 tokens\. Buy tokens/);
    await buyTokens(fan2, 20);
    expect(await holdings(fan2)).toMatchObject({ wallet: -5, flagged: true });
    await buyTokens(fan2, 10);
    expect(await holdings(fan2)).toMatchObject({ wallet: 5, flagged: false });
    expect(
      (await tipCreator(fan2.claims, { creatorId: creator.id, amount: 5, idempotencyKey: 'unlocked' }))
        .balance,
    ).toBe(0);
  });

  it('is not callable by users or anon (42501)', async () => {
    for (const claims of [fan.claims, null]) {
      expect(
        await sqlstate(asUser(claims, (db) => transfer(db, 'adjustment', 'x', [wallet, platform], [-1, 1]))),
      ).toBe('42501');
    }
  });
});

describe('two-phase holds', () => {
  let payer: TestUser;

  beforeAll(async () => {
    [payer] = (await makeUsers([{ username: 'core_caller' }])) as [TestUser];
    await buyTokens(payer, 300);
  });

  const hold = (amount: number, key: string) =>
    asService((db) =>
      holdTokens(db, {
        kind: 'call_minute',
        payerId: payer.id,
        payeeId: creator2.id,
        amount,
        scope: 'call:test',
        idempotencyKey: key,
      }),
    );

  it('hold → partial posts → full post, with fee split, replay and closed-hold errors', async () => {
    const creatorBefore = (await holdings(creator2)).earnings;
    const platformBefore = await platformRevenue();
    const h = await hold(100, 'h1');
    expect(h.balance).toBe(200);
    expect(await holdings(payer)).toMatchObject({ wallet: 200, held: 100 });
    expect(await hold(100, 'h1')).toEqual(h); // replay

    const p1 = await asService((db) => postHold(db, { holdId: h.holdId, amount: 30, idempotencyKey: 'm1' }));
    expect(p1).toMatchObject({ posted: 30, remaining: 70, status: 'open' });
    const p1again = await asService((db) =>
      postHold(db, { holdId: h.holdId, amount: 30, idempotencyKey: 'm1' }),
    );
    expect(p1again.transferId).toBe(p1.transferId);
    expect(p1again.remaining).toBe(70);
    expect(
      await sqlstate(asService((db) => postHold(db, { holdId: h.holdId, amount: 31, idempotencyKey: 'm1' }))),
    ).toBe('CO410');
    await asService((db) => postHold(db, { holdId: h.holdId, amount: 30, idempotencyKey: 'm2' }));
    expect(
      await sqlstate(
        asService((db) => postHold(db, { holdId: h.holdId, amount: 41, idempotencyKey: 'too-much' })),
      ),
    ).toBe('CO422');
    const last = await asService((db) =>
      postHold(db, { holdId: h.holdId, amount: null, idempotencyKey: 'rest' }),
    );
    expect(last).toMatchObject({ posted: 100, remaining: 0, status: 'posted' });

    expect(await holdings(payer)).toMatchObject({ wallet: 200, held: 0 });
    expect((await holdings(creator2)).earnings - creatorBefore).toBe(24 + 24 + 32);
    expect((await platformRevenue()) - platformBefore).toBe(6 + 6 + 8);
    expect(
      await sqlstate(
        asService((db) => postHold(db, { holdId: h.holdId, amount: 1, idempotencyKey: 'late' })),
      ),
    ).toBe('CO409');
    expect(
      await sqlstate(asService((db) => voidHold(db, { holdId: h.holdId, idempotencyKey: 'late-void' }))),
    ).toBe('CO409');
  });

  it('a final partial post returns the rest to the wallet; void returns everything left', async () => {
    const a = await hold(50, 'h2');
    const p = await asService((db) =>
      postHold(db, { holdId: a.holdId, amount: 10, idempotencyKey: 'f', final: true }),
    );
    expect(p).toMatchObject({ posted: 10, remaining: 0, status: 'posted' });
    expect(await holdings(payer)).toMatchObject({ wallet: 190, held: 0 });

    const b = await hold(40, 'h3');
    await asService((db) => postHold(db, { holdId: b.holdId, amount: 15, idempotencyKey: 'g' }));
    const v = await asService((db) => voidHold(db, { holdId: b.holdId, idempotencyKey: 'v' }));
    expect(v).toMatchObject({ released: 25, status: 'voided' });
    expect(await asService((db) => voidHold(db, { holdId: b.holdId, idempotencyKey: 'v' }))).toEqual(v);
    expect(await holdings(payer)).toMatchObject({ wallet: 175, held: 0 });
  });

  it('refuses a hold beyond the balance (CO402), an unknown hold (CO404), and users (42501)', async () => {
    expect(await sqlstate(hold(10_000, 'h-big'))).toBe('CO402');
    expect(
      await sqlstate(asService((db) => postHold(db, { holdId: 987654, amount: 1, idempotencyKey: 'x' }))),
    ).toBe('CO404');
    expect(
      await sqlstate(
        asUser(payer.claims, (db) =>
          holdTokens(db, {
            kind: 'call_minute',
            payerId: payer.id,
            payeeId: creator2.id,
            amount: 1,
            scope: 's',
            idempotencyKey: 'u',
          }),
        ),
      ),
    ).toBe('42501');
  });
});

describe('append-only', () => {
  // Each table with a column an UPDATE could touch.
  const tables: [string, string][] = [
    ['transfers', 'metadata'],
    ['entries', 'amount'],
    ['stripe_events', 'type'],
    ['stripe_payments', 'currency'],
    ['stripe_reversals', 'kind'],
    ['stripe_reversal_applications', 'tokens'],
  ];
  const count = async (table: string) =>
    Number((await owner.query(`select count(*) as n from ledger.${escapeIdentifier(table)}`)).rows[0]?.n);

  beforeAll(async () => {
    await buyTokens(fan, 100, { pi: 'pi_append_only', amountCents: 1000 });
    await asService((db) =>
      db.query(
        `select * from ledger.apply_stripe_reversal('evt_append_only', 'refund', 'pi_append_only', 100)`,
      ),
    );
  });

  it.each(tables)(
    'ledger.%s: even the owner is stopped by the trigger (CO403); nothing changes',
    async (table, column) => {
      const before = await count(table);
      expect(before).toBeGreaterThan(0);
      expect(
        await sqlstate(
          owner.query(
            `update ledger.${escapeIdentifier(table)} set ${escapeIdentifier(column)} = ${escapeIdentifier(column)}`,
          ),
        ),
      ).toBe('CO403');
      expect(await sqlstate(owner.query(`delete from ledger.${escapeIdentifier(table)}`))).toBe('CO403');
      expect(await sqlstate(owner.query(`truncate ledger.${escapeIdentifier(table)} cascade`))).toBe('CO403');
      expect(await count(table)).toBe(before);
    },
  );

  it('no role holds UPDATE, DELETE or TRUNCATE on an append-only table, not even the owner', async () => {
    const r = await owner.query<{ table: string; grantee: string; privilege: string }>(
      `select c.relname as table, coalesce(g.rolname, 'PUBLIC') as grantee, a.privilege_type as privilege
         from pg_class c
         cross join lateral aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
         left join pg_roles g on g.oid = a.grantee
        where c.relnamespace = 'ledger'::regnamespace and c.relname = any ($1)
          and a.privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE')`,
      [tables.map(([t]) => t)],
    );
    expect(r.rows).toEqual([]);
    const insert = await owner.query<{ n: number }>(
      `select count(*)::int as n from pg_class c cross join lateral aclexplode(c.relacl) a
        where c.relnamespace = 'ledger'::regnamespace and c.relname = 'entries' and a.privilege_type = 'INSERT'`,
    );
    expect(insert.rows[0]?.n).toBe(1); // the owner, for the functions; the check can see grants
  });

  it.each(['service_role', 'authenticated', 'anon'])(
    '%s may not read or write ledger tables, not even balances (42501)',
    async (role) => {
      const run = (sql: string) =>
        sqlstate(
          (async () => {
            await owner.query('begin');
            try {
              await owner.query(`set local role ${escapeIdentifier(role)}`);
              await owner.query(sql);
            } finally {
              await owner.query('rollback');
            }
          })(),
        );
      for (const sql of [
        'select * from ledger.entries',
        'select * from ledger.accounts',
        'update ledger.transfers set metadata = metadata',
        'delete from ledger.entries',
        'truncate ledger.transfers cascade',
        'insert into ledger.entries (transfer_id, account_id, amount, balance_after, account_version) values (1, 1, 1, 1, 99)',
        'update ledger.accounts set balance = balance + 1',
      ]) {
        expect(await run(sql)).toBe('42501');
      }
    },
  );
});

describe('the invariant checker', () => {
  it('passes on everything the tests above did', async () => {
    const rows = await invariants(owner);
    expect(rows.filter((r) => !r.ok)).toEqual([]);
    expect(rows.map((r) => r.name)).toEqual([
      'transfers_balanced',
      'entries_linked',
      'balances_match_entries',
      'versions_contiguous',
      'balance_after_chain',
      'no_overdraft',
      'ledger_sums_to_zero',
      'holds_match',
      'stripe_credited_once',
    ]);
  });

  it('can fail: a forged unbalanced entry and a tampered balance are reported (rolled back)', async () => {
    await owner.query('begin');
    try {
      const wallet = await owner.query<{ id: number }>(
        `select a.id from ledger.accounts a where a.kind = 'fan_wallet' and not exists (
           select 1 from ledger.entries e where e.account_id = a.id and e.transfer_id = (select max(id) from ledger.transfers))
         limit 1`,
      );
      await owner.query(
        `insert into ledger.entries (transfer_id, account_id, amount, balance_after, account_version)
         values ((select max(id) from ledger.transfers), $1, 5, 12345, 1000000)`,
        [wallet.rows[0]?.id],
      );
      await owner.query(`insert into ledger.entries (transfer_id, account_id, amount, balance_after, account_version)
                         values (-1, -1, 1, 1, 1)`);
      await owner.query(`update ledger.accounts set balance = balance + 1 where kind = 'payout_clearing'`);
      const failed = (await invariants(owner)).filter((r) => !r.ok).map((r) => r.name);
      expect(failed).toEqual(
        expect.arrayContaining([
          'transfers_balanced',
          'entries_linked',
          'balances_match_entries',
          'versions_contiguous',
          'balance_after_chain',
          'ledger_sums_to_zero',
        ]),
      );
    } finally {
      await owner.query('rollback');
    }
    expect((await invariants(owner)).every((r) => r.ok)).toBe(true);
  });

  it('the balance rule is also a constraint: even the owner cannot take a wallet negative unflagged (23514)', async () => {
    await owner.query('begin');
    try {
      expect(
        await sqlstate(
          owner.query(`update ledger.accounts set balance = -1 where kind = 'fan_wallet' and not flagged`),
        ),
      ).toBe('23514');
    } finally {
      await owner.query('rollback');
    }
    expect(
      await sqlstate(
        owner.query(`insert into ledger.accounts (kind, owner_id) values ('platform_revenue', $1)`, [fan.id]),
      ),
    ).toBe('CO422');
  });
});
