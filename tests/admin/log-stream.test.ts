import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { jsonRequest, makeUser, signInAs, type TestUser } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());

const { GET: logs } = await import('@/app/api/admin/logs/route');
const { POST: testError } = await import('@/app/api/admin/logs/test-error/route');
const { writeLog } = await import('@/lib/log/log');
const { route } = await import('@/lib/http/route');

let admin: TestUser;
beforeAll(async () => {
  admin = await makeUser('admin');
  await signInAs(admin);
});

interface Row {
  id: string;
  level: string;
  source: string;
  message: string;
  request_id: string | null;
}
async function read(
  query = '',
): Promise<{ status: number; items: Row[]; cursor: string | null; body: Record<string, unknown> }> {
  await signInAs(admin);
  const res = await logs(jsonRequest(`/api/admin/logs${query ? `?${query}` : ''}`));
  const body = await res.json();
  return { status: res.status, items: body.items ?? [], cursor: body.cursor ?? null, body };
}

describe('log stream', () => {
  it('newest first; the `after` cursor returns only newer lines, none twice', async () => {
    await writeLog('info', 'test.alpha', 'first line');
    await writeLog('warn', 'test.beta', 'second line');
    const first = await read('source=test.alpha');
    expect(first.items.map((r) => r.message)).toEqual(['first line']);
    const all = await read();
    expect(all.items.slice(0, 2).map((r) => r.message)).toEqual(['second line', 'first line']);
    const cursor = all.cursor as string;
    expect(cursor).toBe(all.items[0]?.id);

    expect((await read(`after=${cursor}`)).items).toEqual([]);
    await writeLog('error', 'test.alpha', 'third line', {}, 'req-third');
    await writeLog('debug', 'test.gamma', 'fourth line');
    const next = await read(`after=${cursor}`);
    expect(next.items.map((r) => r.message)).toEqual(['fourth line', 'third line']);
    expect(next.cursor).toBe(next.items[0]?.id);
    expect((await read(`after=${next.cursor}`)).items).toEqual([]);
    // An empty poll keeps the cursor where it was.
    expect((await read(`after=${next.cursor}`)).cursor).toBe(next.cursor);
  });

  it('a burst bigger than a page: the newest page, and olderId names the newest line left out', async () => {
    const before = (await read()).cursor as string;
    for (let i = 1; i <= 5; i++) await writeLog('info', 'test.burst', `burst ${i}`);
    const page = await read(`after=${before}&source=test.burst&limit=3`);
    expect(page.items.map((r) => r.message)).toEqual(['burst 5', 'burst 4', 'burst 3']);
    const all = await read(`after=${before}&source=test.burst&limit=10`);
    expect(page.body.olderId).toBe(all.items[3]?.id); // burst 2: not shown, newer than the cursor
    expect(all.body.olderId).toBeNull();
    // The next poll from the page's cursor starts after burst 5: the two left out are not repeated or
    // reached again, which is why the live view marks the gap.
    expect((await read(`after=${page.cursor}&source=test.burst`)).items).toEqual([]);
  });

  it.each([
    ['level=error', ['third line']],
    ['level=warn,error', ['third line', 'second line']],
    ['source=test.gamma', ['fourth line']],
    ['q=SECOND', ['second line']],
    ['q=req-third', ['third line']],
    ['q=100%25', []],
    ['level=error&source=test.beta', []],
  ])('filter %s', async (query, expected) => {
    const r = await read(`${query}&limit=50`);
    expect(r.items.filter((x) => x.source.startsWith('test.')).map((x) => x.message)).toEqual(expected);
  });

  it.each(['level=fatal', 'after=-1', 'after=abc', 'limit=0', 'limit=501', `q=${'x'.repeat(201)}`])(
    'bad query %s → 422',
    async (query) => {
      const r = await read(query);
      expect(r.status).toBe(422);
      expect((r.body.error as { code: string }).code).toBe('VALIDATION_ERROR');
    },
  );

  it('a server error thrown in any route appears in the stream with its request id', async () => {
    const before = (await read()).cursor as string;
    const boom = route({ auth: 'none' }, async () => {
      throw new Error('database fell over in a handler');
    });
    const res = await boom(
      new Request('http://localhost/api/anything', { headers: { 'x-request-id': 'req-stream-1' } }),
    );
    expect(res.status).toBe(500);

    const admin500 = await testError(jsonRequest('/api/admin/logs/test-error', {}));
    expect(admin500.status).toBe(500);
    const requestId = (await admin500.json()).requestId as string;
    expect(requestId).toBeTruthy();

    const fresh = await read(`after=${before}&level=error`);
    expect(fresh.items.map((r) => [r.source, r.request_id])).toEqual([
      ['route POST /api/admin/logs/test-error', requestId],
      ['route GET /api/anything', 'req-stream-1'],
    ]);
    expect(fresh.items[1]?.message).toBe('database fell over in a handler');
  });
});
