import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { claimsOf, fund, jsonRequest, makeUser, newId, signInAs, type TestUser } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

const { POST: tipRoute } = await import('@/app/api/tips/route');
const { getWallet } = await import('@/lib/ledger/wallet');
const { getEarnings } = await import('@/lib/ledger/earnings');
const { getPool } = await import('@/lib/db/pool');

const STARTER = { id: 'starter', tokens: 100, price_cents: 999 };

beforeEach(() => jar.values.clear());

async function tip(body: Record<string, unknown>) {
  const res = await tipRoute(jsonRequest('/api/tips', body));
  return { status: res.status, body: await res.json() };
}

const balanceOf = async (u: TestUser) => (await getWallet(claimsOf(u))).balance;

async function tipTransfers(): Promise<number> {
  const pool = await getPool();
  const r = await pool.query<{ n: number }>(
    `select count(*)::int as n from ledger.transfers where kind = 'tip'`,
  );
  return r.rows[0]?.n ?? 0;
}

describe('POST /api/tips', () => {
  it('with too few tokens → 402 INSUFFICIENT_TOKENS, nothing moves', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    await signInAs(fan);
    const before = await tipTransfers();
    const r = await tip({ creatorId: creator.id, amount: 10, idempotencyKey: newId('k') });
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('INSUFFICIENT_TOKENS');
    expect(await tipTransfers()).toBe(before);
  });

  it('tips, debits the fan, credits the creator 80% and returns the new balance', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    await fund(fan, STARTER);
    await signInAs(fan);
    const r = await tip({
      creatorId: creator.id,
      amount: 50,
      message: '  Great set!  ',
      idempotencyKey: newId('k'),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ balance: 50 });
    expect(typeof r.body.transferId).toBe('number');
    expect(await balanceOf(fan)).toBe(50);
    const earnings = await getEarnings(claimsOf(creator));
    expect(earnings.available).toBe(40);
    expect(earnings.platform_fee_paid).toBe(10);
  });

  it('a retry with the same idempotency key (sequential and concurrent) tips once', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    await fund(fan, STARTER);
    await signInAs(fan);
    const body = { creatorId: creator.id, amount: 30, idempotencyKey: newId('k') };
    const results = await Promise.all(Array.from({ length: 5 }, () => tip(body)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.transferId)).size).toBe(1);
    const again = await tip(body);
    expect(again.body.transferId).toBe(results[0]?.body.transferId);
    expect(await balanceOf(fan)).toBe(70);
    // same key, different amount: a conflict, not a second tip
    const conflict = await tip({ ...body, amount: 31 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await balanceOf(fan)).toBe(70);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['amount 0', { amount: 0 }, 'amount'],
    ['negative amount', { amount: -5 }, 'amount'],
    ['fractional amount', { amount: 1.5 }, 'amount'],
    ['amount above 100,000', { amount: 100_001 }, 'amount'],
    ['amount not a number', { amount: 'lots' }, 'amount'],
    ['message over 280 characters', { message: 'x'.repeat(281) }, 'message'],
    ['missing idempotency key', { idempotencyKey: undefined }, 'idempotencyKey'],
    ['creator id not a uuid', { creatorId: 'luna' }, 'creatorId'],
  ];
  for (const [name, patch, field] of bad) {
    it(`${name} → 422 VALIDATION_ERROR naming ${field}, nothing moves`, async () => {
      const fan = await makeUser();
      const creator = await makeUser('creator');
      await fund(fan, STARTER);
      await signInAs(fan);
      const r = await tip({ creatorId: creator.id, amount: 10, idempotencyKey: newId('k'), ...patch });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('VALIDATION_ERROR');
      expect(Object.keys(r.body.error.details.fields)).toContain(field);
      expect(await balanceOf(fan)).toBe(100);
    });
  }

  it('a message of exactly 280 characters is fine', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    await fund(fan, STARTER);
    await signInAs(fan);
    const r = await tip({
      creatorId: creator.id,
      amount: 1,
      message: 'y'.repeat(280),
      idempotencyKey: newId('k'),
    });
    expect(r.status).toBe(200);
  });

  it('tipping yourself → 422; tipping a fan or an unknown id → 404', async () => {
    const creator = await makeUser('creator');
    const otherFan = await makeUser();
    await fund(creator, STARTER);
    await signInAs(creator);
    const self = await tip({ creatorId: creator.id, amount: 5, idempotencyKey: newId('k') });
    expect(self.status).toBe(422);
    const fan = await tip({ creatorId: otherFan.id, amount: 5, idempotencyKey: newId('k') });
    expect(fan.status).toBe(404);
    const unknown = await tip({
      creatorId: '00000000-0000-4000-8000-000000000000',
      amount: 5,
      idempotencyKey: newId('k'),
    });
    expect(unknown.status).toBe(404);
    expect(await balanceOf(creator)).toBe(100);
  });

  it('anonymous → 401', async () => {
    const creator = await makeUser('creator');
    const r = await tip({ creatorId: creator.id, amount: 5, idempotencyKey: newId('k') });
    expect(r.status).toBe(401);
  });
});
