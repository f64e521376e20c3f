import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { claimsOf, fund, makeUser, newId, signInAs } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

const { GET: historyRoute } = await import('@/app/api/wallet/history/route');
const { GET: checkRoute } = await import('@/app/api/admin/ledger/check/route');
const { tipCreator } = await import('@/lib/ledger/tip');

beforeEach(() => jar.values.clear());

const get = (url: string) => historyRoute(new Request(`http://localhost${url}`));

/** RFC 4180 enough for our cells (quoted cells may hold commas and doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trimEnd().split('\r\n')) {
    const cells: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

describe('GET /api/wallet/history', () => {
  it('pages as JSON, filters by kind, and exports every row of the filter as CSV', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    await fund(fan, { id: 'popular', tokens: 550, price_cents: 4999 });
    for (let i = 0; i < 24; i++) {
      await tipCreator(claimsOf(fan), {
        creatorId: creator.id,
        amount: 1 + i,
        message: i === 0 ? '=HYPERLINK("x"), "quoted"' : undefined,
        idempotencyKey: newId('k'),
      });
    }
    await signInAs(fan);

    const page1 = await (await get('/api/wallet/history?page=1&pageSize=10')).json();
    expect(page1.total).toBe(25);
    expect(page1.items).toHaveLength(10);
    expect(page1.pageCount).toBe(3);

    const tips = await (await get('/api/wallet/history?kind=tip&pageSize=100')).json();
    expect(tips.total).toBe(24);
    expect(tips.items.every((r: { kind: string; amount: number }) => r.kind === 'tip' && r.amount < 0)).toBe(
      true,
    );

    const csvRes = await get('/api/wallet/history?format=csv&kind=tip');
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    expect(csvRes.headers.get('content-disposition')).toMatch(
      /attachment; filename="communityos-wallet-tip-/,
    );
    const rows = parseCsv(await csvRes.text());
    expect(rows[0]).toEqual([
      'date_utc',
      'kind',
      'counterparty',
      'credit',
      'debit',
      'balance_after',
      'memo',
      'transfer_id',
      'account',
    ]);
    expect(rows).toHaveLength(1 + 24); // every row, not one page
    expect(rows.slice(1).every((r) => r[1] === 'tip' && r[2] === creator.username && r[3] === '')).toBe(true);
    expect(rows.slice(1).every((r) => r[8] === 'wallet')).toBe(true);
    const debits = rows.slice(1).map((r) => Number(r[4]));
    expect(debits.reduce((a, b) => a + b, 0)).toBe((24 * 25) / 2);
    // formula injection is neutralised, quotes survive
    expect(rows.some((r) => r[6]?.startsWith(`'=HYPERLINK("x"), "quoted"`))).toBe(true);

    const all = parseCsv(await (await get('/api/wallet/history?format=csv')).text());
    expect(all).toHaveLength(1 + 25);
    expect(all.filter((r) => r[1] === 'purchase')).toHaveLength(1);
  });

  it('an unknown kind → 422; anonymous → 401; another fan sees only their own rows', async () => {
    const fan = await makeUser();
    await fund(fan, { id: 'starter', tokens: 100, price_cents: 999 });
    expect((await get('/api/wallet/history')).status).toBe(401);
    const other = await makeUser();
    await signInAs(other);
    expect((await get('/api/wallet/history?kind=bitcoin')).status).toBe(422);
    const mine = await (await get('/api/wallet/history')).json();
    expect(mine.total).toBe(0);
    const csv = parseCsv(await (await get('/api/wallet/history?format=csv')).text());
    expect(csv).toHaveLength(1);
  });
});

describe('GET /api/admin/ledger/check', () => {
  it('admin → 200 with the invariant checks; fan and creator → 403; anonymous → 401', async () => {
    const req = () => new Request('http://localhost/api/admin/ledger/check');
    expect((await checkRoute(req())).status).toBe(401);
    for (const role of ['fan', 'creator'] as const) {
      await signInAs(await makeUser(role));
      const res = await checkRoute(req());
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('FORBIDDEN');
    }
    await signInAs(await makeUser('admin'));
    const res = await checkRoute(req());
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(true);
    expect(body.checks.length).toBeGreaterThan(0);
  });
});
