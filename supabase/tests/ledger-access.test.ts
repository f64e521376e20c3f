import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asService, asUser } from '@/lib/db/tx';
import { adminAccountEntries, adminListAccounts, checkInvariants } from '@/lib/ledger/admin';
import { getEarnings } from '@/lib/ledger/earnings';
import { getPackage, listPackages } from '@/lib/ledger/packages';
import { tipCreator } from '@/lib/ledger/tip';
import { getWallet, listHistory } from '@/lib/ledger/wallet';
import { buyTokens, makeUsers, ownerClient, sqlstate, type TestUser } from '@/tests/ledger/helpers';

/**
 * Who can read what: token packages for everyone, a wallet / history / earnings only for their owner,
 * the ledger view only for admins, and nothing at all for anon — through the TypeScript API (asUser) and
 * the SQL functions behind it.
 */

let owner: pg.Client;
let alice: TestUser;
let bob: TestUser;
let star: TestUser;
let admin: TestUser;
let tipIds: number[] = [];

beforeAll(async () => {
  owner = await ownerClient();
  [alice, bob, star, admin] = (await makeUsers([
    { username: 'acc_alice' },
    { username: 'acc_bob' },
    { username: 'acc_star', role: 'creator' },
    { username: 'acc_admin', role: 'admin' },
  ])) as [TestUser, TestUser, TestUser, TestUser];
  await buyTokens(alice, 550);
  await buyTokens(bob, 100);
  tipIds = [];
  for (const [i, amount] of [25, 10, 40, 5].entries()) {
    const r = await tipCreator(alice.claims, {
      creatorId: star.id,
      amount,
      message: i === 0 ? 'first!' : undefined,
      idempotencyKey: `acc-tip-${i}`,
    });
    tipIds.push(r.transferId);
  }
  await tipCreator(bob.claims, { creatorId: star.id, amount: 50, idempotencyKey: 'bob-tip' });
});

afterAll(async () => {
  await owner.end();
});

describe('token packages', () => {
  it('anyone (anon) lists the three packages in order; getPackage finds one or returns null', async () => {
    expect(await listPackages()).toEqual([
      { id: 'starter', tokens: 100, price_cents: 999, currency: 'usd', active: true, sort: 1 },
      { id: 'popular', tokens: 550, price_cents: 4999, currency: 'usd', active: true, sort: 2 },
      { id: 'best', tokens: 1200, price_cents: 9999, currency: 'usd', active: true, sort: 3 },
    ]);
    expect(await getPackage('popular')).toMatchObject({ tokens: 550, price_cents: 4999 });
    expect(await getPackage('nope')).toBeNull();
  });

  it.each([
    ['anon', () => asUser(null, (db) => db.query(`update public.token_packages set price_cents = 1`))],
    [
      'a user',
      () => asUser(alice.claims, (db) => db.query(`update public.token_packages set price_cents = 1`)),
    ],
    ['an admin', () => asUser(admin.claims, (db) => db.query(`delete from public.token_packages`))],
    [
      'the service role',
      () =>
        asService((db) =>
          db.query(`insert into public.token_packages (id, tokens, price_cents) values ('free', 1000000, 1)`),
        ),
    ],
  ])('%s cannot change packages (42501)', async (_who, attempt) => {
    expect(await sqlstate(attempt())).toBe('42501');
    expect((await listPackages()).map((p) => p.price_cents)).toEqual([999, 4999, 9999]);
  });
});

describe('wallet and history: only your own', () => {
  it('each fan sees their own balance; a user without an account sees 0', async () => {
    expect(await getWallet(alice.claims)).toEqual({ balance: 550 - 80, flagged: false });
    expect(await getWallet(bob.claims)).toEqual({ balance: 50, flagged: false });
    expect(await getWallet(admin.claims)).toEqual({ balance: 0, flagged: false });
  });

  it('lists history newest first with kind, counterparty, memo and balance after', async () => {
    const page = await listHistory(alice.claims, { page: 1, pageSize: 20 });
    expect(page.total).toBe(5);
    expect(page.items.every((r) => r.account_kind === 'fan_wallet')).toBe(true);
    expect(page.pageCount).toBe(1);
    expect(
      page.items.map((r) => [r.kind, r.amount, r.balance_after, r.counterparty_username, r.memo]),
    ).toEqual([
      ['tip', -5, 470, 'acc_star', null],
      ['tip', -40, 475, 'acc_star', null],
      ['tip', -10, 515, 'acc_star', null],
      ['tip', -25, 525, 'acc_star', 'first!'],
      ['purchase', 550, 550, null, '550 tokens (starter)'],
    ]);
    expect(page.items[0]?.transfer_id).toBe(tipIds[3]);
    expect(page.items[0]?.counterparty_display_name).toBe('User acc_star');
    expect(page.items[0]?.created_at).toBeInstanceOf(Date);
  });

  it('pages and filters by kind', async () => {
    const p2 = await listHistory(alice.claims, { page: 2, pageSize: 2 });
    expect(p2).toMatchObject({ total: 5, page: 2, pageSize: 2, pageCount: 3 });
    expect(p2.items.map((r) => r.amount)).toEqual([-10, -25]);
    const purchases = await listHistory(alice.claims, { page: 1, kind: 'purchase' });
    expect(purchases.items.map((r) => r.kind)).toEqual(['purchase']);
    expect(purchases.total).toBe(1);
    expect((await listHistory(alice.claims, { page: 1, kind: 'refund' })).items).toEqual([]);
    expect((await listHistory(alice.claims, { page: 99 })).items).toEqual([]);
  });

  it("a fan's history never contains another fan's entries", async () => {
    const bobs = await listHistory(bob.claims, { page: 1, pageSize: 100 });
    expect(bobs.items.map((r) => [r.kind, r.amount])).toEqual([
      ['tip', -50],
      ['purchase', 100],
    ]);
    expect(bobs.items.some((r) => tipIds.includes(r.transfer_id))).toBe(false);
  });

  it("the creator's history shows tips received, from whom, with the running total over all sub-accounts", async () => {
    const page = await listHistory(star.claims, { page: 1 });
    expect(page.items.map((r) => [r.amount, r.balance_after, r.counterparty_username])).toEqual([
      [40, 104, 'acc_bob'],
      [4, 64, 'acc_alice'],
      [32, 60, 'acc_alice'],
      [8, 28, 'acc_alice'],
      [20, 20, 'acc_alice'],
    ]);
    expect(page.items.at(-1)?.memo).toBe('first!');
    expect(new Set(page.items.map((r) => r.account_kind))).toEqual(new Set(['creator_earnings']));
  });

  it('no user-facing ledger function takes a user id to read: they read auth.uid() only', async () => {
    const r = await owner.query<{ name: string; args: string }>(
      `select p.proname as name, pg_get_function_identity_arguments(p.oid) as args
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.prosecdef and pg_get_functiondef(p.oid) like '%ledger.%'
        order by 1`,
    );
    expect(r.rows.map((x) => x.name)).toEqual([
      'admin_ledger_accounts',
      'admin_ledger_check',
      'admin_ledger_entries',
      'admin_platform_metrics', // admin only (private.is_admin()): per-day totals, no one's balance
      'admin_user_detail', // admin only (private.is_admin()): a user's balances on the admin user page
      'discover_creators', // orders creators by recent earnings; returns no amount
      'my_earnings',
      'my_history',
      'my_payout_summary',
      'my_statement',
      'my_wallet',
      'purchase_product', // the caller pays for a product; reads no balance
      'refund_subscription', // the creator refunds one of their own subscribers; reads no balance
      'renew_call', // funds the caller's own call (a participant check comes first), reads no balance
      'send_message', // a tip message pays ledger.tip as the caller (auth.uid()), reads no balance
      'tip_creator',
    ]);
    for (const f of r.rows.filter((x) => x.name.startsWith('my_'))) expect(f.args).not.toMatch(/uuid/);
  });
});

describe('earnings', () => {
  it('shows available, lifetime, fee paid and the breakdown by source', async () => {
    expect(await getEarnings(star.claims)).toEqual({
      available: 104,
      lifetime_earned: 104,
      platform_fee_paid: 5 + 2 + 8 + 1 + 10,
      usd_cents_per_token: 5,
      by_source: [{ kind: 'tip', tokens: 104, count: 5 }],
    });
  });

  it('is zero for someone who earned nothing', async () => {
    expect(await getEarnings(alice.claims)).toEqual({
      available: 0,
      lifetime_earned: 0,
      platform_fee_paid: 0,
      usd_cents_per_token: 5,
      by_source: [],
    });
  });
});

describe('anon and the service role', () => {
  it.each([
    'select * from public.my_wallet()',
    'select * from public.my_history()',
    'select * from public.my_earnings()',
    `select * from public.tip_creator('00000000-0000-0000-0000-000000000001', 1, null, 'k')`,
    'select * from public.admin_ledger_accounts()',
    'select * from public.admin_ledger_entries(1)',
    'select * from public.admin_ledger_check()',
    'select * from ledger.check_invariants()',
    `select ledger.record_stripe_event('evt_x', 'x')`,
  ])('anon gets 42501 for %s', async (sql) => {
    expect(await sqlstate(asUser(null, (db) => db.query(sql)))).toBe('42501');
  });

  it.each([
    `select * from ledger.apply_stripe_purchase('e', 's', $1, 'starter', 100, 999, 'usd', null)`,
    `select * from ledger.apply_stripe_reversal('e', 'refund', 'pi', 100)`,
    'select * from ledger.tip($1, $1, 1, null, $2)',
    'select * from ledger.check_invariants()',
  ])('a signed-in user gets 42501 for %s', async (sql) => {
    const params = sql.includes('$2') ? [alice.id, randomUUID()] : sql.includes('$1') ? [alice.id] : [];
    expect(await sqlstate(asUser(alice.claims, (db) => db.query(sql, params)))).toBe('42501');
  });

  it('the service role cannot tip on anyone’s behalf through the public entry point (42501)', async () => {
    expect(
      await sqlstate(
        asService((db) => db.query('select * from public.tip_creator($1, 1, null, $2)', [star.id, 'svc'])),
      ),
    ).toBe('42501');
  });
});

describe('admin ledger view', () => {
  it.each([
    ['accounts', () => adminListAccounts(alice.claims, { page: 1 })],
    ['entries', () => adminAccountEntries(alice.claims, 1, { page: 1 })],
    ['the check', () => checkInvariants(alice.claims)],
  ])('a non-admin is refused %s (CO403)', async (_what, attempt) => {
    expect(await sqlstate(attempt())).toBe('CO403');
  });

  it("lists accounts (filter by username or kind) and an account's entries, newest first", async () => {
    const mine = await adminListAccounts(admin.claims, { page: 1, q: 'acc_alice' });
    expect(mine.items).toEqual([
      expect.objectContaining({
        kind: 'fan_wallet',
        owner_username: 'acc_alice',
        balance: 470,
        version: 5,
        shard: 0,
      }),
    ]);
    const platform = await adminListAccounts(admin.claims, { page: 1, q: 'platform_revenue' });
    const cfg = await owner.query<{ platform_shards: number }>('select platform_shards from ledger.config');
    expect(platform.total).toBe(cfg.rows[0]?.platform_shards);
    expect(platform.items.every((a) => a.owner_username === null)).toBe(true);
    const all = await adminListAccounts(admin.claims, { page: 1 });
    expect(all.total).toBeGreaterThan(platform.total);
    expect(all.pageSize).toBe(50);

    const entries = await adminAccountEntries(admin.claims, mine.items[0]?.id as number, { page: 1 });
    expect(entries.total).toBe(5);
    expect(entries.items.map((e) => [e.account_version, e.kind, e.amount, e.balance_after])).toEqual([
      [5, 'tip', -5, 470],
      [4, 'tip', -40, 475],
      [3, 'tip', -10, 515],
      [2, 'tip', -25, 525],
      [1, 'purchase', 550, 550],
    ]);
    expect(await sqlstate(adminAccountEntries(admin.claims, 987654321, { page: 1 }))).toBe('CO404');
  });

  it('runs the invariant check', async () => {
    const report = await checkInvariants(admin.claims);
    expect(report.ok).toBe(true);
    expect(report.checked_at).toBeInstanceOf(Date);
    expect(report.checks.length).toBeGreaterThanOrEqual(8);
    expect(report.checks.every((c) => c.ok && c.detail.length > 0)).toBe(true);
  });
});
