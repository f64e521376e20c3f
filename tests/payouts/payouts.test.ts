import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { claimsOf, fund, jsonRequest, makeUser, signInAs, type TestUser } from '../payments/helpers';

vi.mock('next/headers', () => nextHeadersMock());

/** Payouts over real routes and SQL: setup, request limits, admin approve/reject, failed transfers, jobs. */

const account = await import('@/app/api/payouts/account/route');
const payouts = await import('@/app/api/payouts/route');
const auto = await import('@/app/api/payouts/auto/route');
const statement = await import('@/app/api/payouts/statement/route');
const adminList = await import('@/app/api/admin/payouts/route');
const decide = await import('@/app/api/admin/payouts/[id]/route');
const { asService, asUser } = await import('@/lib/db/tx');
const { decidePayout, executePayout, requestAutoPayouts } = await import('@/lib/payouts/payouts');
const { ledgerProblems } = await import('../subscriptions/helpers');

beforeEach(() => jar.values.clear());

// biome-ignore lint/suspicious/noExplicitAny: response bodies read field by field below
type Json = { status: number; body: Record<string, any> };
const asJson = async (res: Response): Promise<Json> => ({ status: res.status, body: await res.json() });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const get = (url: string) => new Request(`http://localhost${url}`);

/** A creator with `tokens` earned (tips of 1000-token purchases, 20% fee → creator gets 80%). */
async function earningCreator(tips: number[]): Promise<TestUser> {
  const creator = await makeUser('creator');
  for (const t of tips) {
    const fan = await makeUser();
    await fund(fan, { id: 'best', tokens: 1200, price_cents: 9999 });
    await asUser(claimsOf(fan), (db) =>
      db.query('select public.tip_creator($1, $2, null, $3)', [creator.id, t, randomUUID()]),
    );
  }
  return creator;
}

async function withBank(creator: TestUser): Promise<void> {
  await signInAs(creator);
  const r = await asJson(
    await account.POST(
      jsonRequest('/api/payouts/account', { holder: 'Luna Vega', iban: 'FR76 3000 6000 0112 3456 7890 189' }),
    ),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.account).toMatchObject({
    mode: 'simulated',
    status: 'ready',
    bankLast4: '0189',
    bankCountry: 'FR',
  });
}

const available = (c: TestUser) =>
  asUser(claimsOf(c), async (db) =>
    Number((await db.query('select available from public.my_payout_summary()')).rows[0]?.available),
  );

let admin: TestUser;
async function adminUser(): Promise<TestUser> {
  admin ??= await makeUser('admin');
  return admin;
}

describe('setup and request', () => {
  it('local mode stores simulated bank details (last 4 only); bad IBAN → 422; fans → 403', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    expect((await account.POST(jsonRequest('/api/payouts/account', { holder: 'x', iban: 'y' }))).status).toBe(
      403,
    );
    const creator = await makeUser('creator');
    await signInAs(creator);
    const bad = await asJson(
      await account.POST(jsonRequest('/api/payouts/account', { holder: '', iban: 'nope' })),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['holder', 'iban']);
    // No account yet: a request is refused.
    const early = await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 500 })));
    expect(early.status).toBe(409);
    await withBank(creator);
    const stored = await asService((db) =>
      db.query('select * from public.payout_accounts where creator_id = $1', [creator.id]),
    );
    expect(JSON.stringify(stored.rows[0])).not.toContain('3456');
  });

  it('cannot request more than available or less than the minimum; a valid request moves tokens to clearing', async () => {
    const creator = await earningCreator([1000]); // 800 earned
    await withBank(creator);
    expect(await available(creator)).toBe(800);
    const tooMuch = await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 801 })));
    expect(tooMuch.status).toBe(402);
    const tooLittle = await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 100 })));
    expect(tooLittle.status).toBe(422);
    expect(await available(creator)).toBe(800);
    const ok = await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 600 })));
    expect(ok.status).toBe(200);
    expect(ok.body.payout).toMatchObject({ status: 'requested', amount: 600, usdCents: 3000 });
    expect(await available(creator)).toBe(200);
    // The rest is below the minimum now.
    expect((await payouts.POST(jsonRequest('/api/payouts', { amount: 500 }))).status).toBe(402);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('earnings spread over several sub-accounts are drawn together', async () => {
    const creator = await earningCreator([300, 300, 300, 300]); // 960 over (likely) several shards
    await withBank(creator);
    const r = await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 960 })));
    expect(r.status).toBe(200);
    expect(await available(creator)).toBe(0);
    expect(await ledgerProblems()).toEqual([]);
  });
});

describe('admin decision', () => {
  it('approval pays once even when approved twice at the same time (idempotency = payout id)', async () => {
    const creator = await earningCreator([1000]);
    await withBank(creator);
    const p = (await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 800 })))).body.payout;
    const a = await adminUser();
    const calls: string[] = [];
    const transfer = async (x: { payoutId: string }) => {
      calls.push(x.payoutId);
      return { ok: true as const, transferId: `tr_${x.payoutId.slice(0, 8)}` };
    };
    const results = await Promise.all([
      decidePayout(claimsOf(a), p.id, true, undefined, transfer).then(
        (r) => r.status,
        (e) => e.code,
      ),
      decidePayout(claimsOf(a), p.id, true, undefined, transfer).then(
        (r) => r.status,
        (e) => e.code,
      ),
    ]);
    expect(results.sort()).toEqual(['CO409', 'paid']);
    expect(calls).toEqual([p.id]);
    // Executing again (a retry) does not pay again.
    expect((await executePayout(p.id, transfer)).status).toBe('paid');
    expect(calls).toHaveLength(1);
    expect(await available(creator)).toBe(0);
    expect(await ledgerProblems()).toEqual([]);
    const audit = await asService((db) =>
      db.query(`select 1 from public.admin_audit_log where action = 'payout.approve' and target_id = $1`, [
        creator.id,
      ]),
    );
    expect(audit.rowCount).toBe(1);
  });

  it('through the routes: non-admins 403; reject needs a reason and returns the tokens; then 409', async () => {
    const creator = await earningCreator([1000]);
    await withBank(creator);
    const p = (await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 700 })))).body.payout;
    expect(await available(creator)).toBe(100);
    expect(
      (await decide.POST(jsonRequest(`/api/admin/payouts/${p.id}`, { approve: true }), ctx(p.id))).status,
    ).toBe(403);
    await signInAs(await adminUser());
    const list = await asJson(await adminList.GET(get('/api/admin/payouts?status=requested')));
    expect(list.body.items.some((x: { id: string }) => x.id === p.id)).toBe(true);
    const noReason = await decide.POST(
      jsonRequest(`/api/admin/payouts/${p.id}`, { approve: false }),
      ctx(p.id),
    );
    expect(noReason.status).toBe(422);
    const r = await asJson(
      await decide.POST(
        jsonRequest(`/api/admin/payouts/${p.id}`, { approve: false, reason: 'Bank details do not match' }),
        ctx(p.id),
      ),
    );
    expect(r.body.payout).toMatchObject({ status: 'rejected', reason: 'Bank details do not match' });
    expect(await available(creator)).toBe(800);
    const again = await decide.POST(jsonRequest(`/api/admin/payouts/${p.id}`, { approve: true }), ctx(p.id));
    expect(again.status).toBe(409);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('approval in local mode pays through the simulated transfer', async () => {
    const creator = await earningCreator([1000]);
    await withBank(creator);
    const p = (await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 500 })))).body.payout;
    await signInAs(await adminUser());
    const r = await asJson(
      await decide.POST(jsonRequest(`/api/admin/payouts/${p.id}`, { approve: true }), ctx(p.id)),
    );
    expect(r.body.payout.status).toBe('paid');
    expect(r.body.payout.stripeTransferId).toMatch(/^sim_tr_/);
  });

  it('a failed transfer returns the tokens with the reason', async () => {
    const creator = await earningCreator([1000]);
    await withBank(creator);
    const p = (await asJson(await payouts.POST(jsonRequest('/api/payouts', { amount: 800 })))).body.payout;
    const r = await decidePayout(claimsOf(await adminUser()), p.id, true, undefined, async () => ({
      ok: false,
      reason: 'Account closed',
    }));
    expect(r).toMatchObject({ status: 'failed', reason: 'Account closed' });
    expect(await available(creator)).toBe(800);
    expect(await ledgerProblems()).toEqual([]);
  });
});

describe('automatic weekly payouts and statements', () => {
  it('one automatic request per creator and week, only above the minimum, only when turned on', async () => {
    const rich = await earningCreator([1000]);
    await withBank(rich);
    const off = await earningCreator([1000]);
    await withBank(off);
    const poor = await earningCreator([100]);
    await withBank(poor);
    for (const c of [rich, poor]) {
      await signInAs(c);
      expect(
        (await auto.PUT(jsonRequest('/api/payouts/auto', { enabled: true }, { method: 'PUT' }))).status,
      ).toBe(200);
    }
    const monday = new Date('2031-03-03T08:00:00Z');
    await requestAutoPayouts(monday);
    await requestAutoPayouts(new Date('2031-03-05T08:00:00Z'));
    const rows = await asService((db) =>
      db.query<{ creator_id: string; amount: string; source: string }>(
        'select creator_id, amount, source from public.payouts where creator_id = any ($1)',
        [[rich.id, off.id, poor.id]],
      ),
    );
    expect(rows.rows).toEqual([{ creator_id: rich.id, amount: 800, source: 'auto' }]);
  });

  it('monthly statement: earnings by source, fees, payouts; CSV', async () => {
    const creator = await earningCreator([500, 250]);
    await withBank(creator);
    await payouts.POST(jsonRequest('/api/payouts', { amount: 500 }));
    const s = await asJson(await statement.GET(get('/api/payouts/statement')));
    expect(s.status).toBe(200);
    const line = (section: string, kind: string) =>
      s.body.lines.find((l: { section: string; kind: string }) => l.section === section && l.kind === kind);
    expect(line('earnings', 'tip')).toMatchObject({ tokens: 600, count: 2 });
    expect(line('fees', 'tip')).toMatchObject({ tokens: 150, count: 2 });
    expect(line('payouts', 'requested')).toMatchObject({ tokens: 500, count: 1 });
    const csv = await statement.GET(get('/api/payouts/statement?format=csv'));
    expect((await csv.text()).split('\r\n')[0]).toBe('month,section,kind,tokens,count');
    expect((await statement.GET(get('/api/payouts/statement?month=2026-13'))).status).toBe(422);
  });
});
