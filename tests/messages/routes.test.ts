import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { idsThroughPages } from '../helpers/pages';

vi.mock('next/headers', () => nextHeadersMock());

const { claimsOf, fund, jsonRequest, makeUser, signInAs } = await import('../payments/helpers');
const conversations = await import('@/app/api/conversations/route');
const messages = await import('@/app/api/conversations/[id]/messages/route');
const readRoute = await import('@/app/api/conversations/[id]/read/route');
const typingRoute = await import('@/app/api/conversations/[id]/typing/route');
const unlockRoute = await import('@/app/api/messages/[id]/unlock/route');
const unsendRoute = await import('@/app/api/messages/[id]/unsend/route');
const unreadRoute = await import('@/app/api/messages/unread/route');
const blocksRoute = await import('@/app/api/messages/blocks/route');
const settingsRoute = await import('@/app/api/messages/settings/route');
const uploadRoute = await import('@/app/api/uploads/route');
const uploadGet = await import('@/app/api/uploads/[id]/route');
const { getWallet } = await import('@/lib/ledger/wallet');
const { invariants, ownerClient } = await import('../ledger/helpers');

/** Messaging through the real route handlers: auth, the error contract, uploads and access to media. */

type User = Awaited<ReturnType<typeof makeUser>>;
const STARTER = { id: 'starter', tokens: 100, price_cents: 999 };
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
]);

beforeEach(() => jar.values.clear());
afterAll(async () => {
  const owner = await ownerClient();
  try {
    expect((await invariants(owner)).filter((r) => !r.ok)).toEqual([]);
  } finally {
    await owner.end();
  }
  await rm(path.join(process.cwd(), '.data', 'uploads'), { recursive: true, force: true }).catch(() => {});
});

const params = (id: string) => ({ params: Promise.resolve({ id }) });
async function json(res: Response) {
  return { status: res.status, body: await res.json() };
}
const balanceOf = async (u: User) => (await getWallet(claimsOf(u))).balance;

async function open(a: User, b: User): Promise<string> {
  await signInAs(a);
  const r = await json(await conversations.POST(jsonRequest('/api/conversations', { userId: b.id })));
  expect(r.status).toBe(200);
  return r.body.id;
}
const post = (id: string, body: unknown) =>
  messages.POST(jsonRequest(`/api/conversations/${id}/messages`, body), params(id)).then(json);
const list = (id: string, q = '') =>
  messages.GET(new Request(`http://localhost/api/conversations/${id}/messages${q}`), params(id)).then(json);

let ipSeq = 0;
function uploadRequest(
  bytes: Buffer | Uint8Array,
  type: string | null,
  headers: Record<string, string> = {},
) {
  const h: Record<string, string> = { 'x-forwarded-for': `10.77.${++ipSeq % 250}.1`, ...headers };
  if (type) h['content-type'] = type;
  return new Request('http://localhost/api/uploads', {
    method: 'POST',
    headers: h,
    body: new Uint8Array(bytes),
  });
}
const upload = (bytes: Buffer | Uint8Array, type: string | null) =>
  uploadRoute.POST(uploadRequest(bytes, type)).then(json);
const getUpload = (id: string) =>
  uploadGet.GET(new Request(`http://localhost/api/uploads/${id}`), params(id));

describe('conversations and text messages', () => {
  it('anonymous callers get 401 AUTH_REQUIRED', async () => {
    const r = await json(await conversations.GET(new Request('http://localhost/api/conversations')));
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('sends, lists, marks read and counts unread through the routes', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    const id = await open(fan, creator);
    expect((await post(id, { kind: 'text', body: 'Hi Luna', clientKey: randomUUID() })).status).toBe(200);
    await signInAs(creator);
    const unread = await json(await unreadRoute.GET(new Request('http://localhost/api/messages/unread')));
    expect(unread.body).toEqual({ count: 1 });
    const page = await list(id);
    expect(page.body.items.map((m: { body: string }) => m.body)).toEqual(['Hi Luna']);
    const read = await json(
      await readRoute.POST(
        new Request(`http://localhost/api/conversations/${id}/read`, { method: 'POST' }),
        params(id),
      ),
    );
    expect(read.body.marked).toBe(1);
    const after = await json(await unreadRoute.GET(new Request('http://localhost/api/messages/unread')));
    expect(after.body).toEqual({ count: 0 });
  });

  it('pages the inbox with (last activity, id): conversations active in the same millisecond are each listed once', async () => {
    const fan = await makeUser();
    const others = [await makeUser('creator'), await makeUser('creator'), await makeUser('creator')];
    const ids: string[] = [];
    for (const o of others) ids.push(await open(fan, o));
    const older = await open(fan, await makeUser('creator'));
    const owner = await ownerClient();
    try {
      await owner.query(
        `update public.conversations set last_message_at = '2026-11-20T10:00:00.123Z' where id = any($1::uuid[])`,
        [ids],
      );
      await owner.query(
        `update public.conversations set last_message_at = '2026-11-19T10:00:00.000Z' where id = $1`,
        [older],
      );
    } finally {
      await owner.end();
    }
    await signInAs(fan);
    const seen = await idsThroughPages(
      (q) => conversations.GET(new Request(`http://localhost/api/conversations${q}`)),
      2,
    );
    expect(seen).toHaveLength(4);
    expect(new Set(seen)).toEqual(new Set([...ids, older]));

    const bad = await json(
      await conversations.GET(new Request('http://localhost/api/conversations?beforeId=x')),
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/beforeId must be a conversation id/);
  });

  it('bad input is a 422 with field errors and sends nothing', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    const id = await open(fan, creator);
    const cases: [unknown, string][] = [
      [{ kind: 'text', body: '   ', clientKey: randomUUID() }, 'body'],
      [{ kind: 'text', body: 'x'.repeat(2001), clientKey: randomUUID() }, 'body'],
      [{ kind: 'ppv', body: '', amount: 5, clientKey: randomUUID() }, 'uploadId'],
      [{ kind: 'tip', body: '', clientKey: randomUUID() }, 'amount'],
      [{ kind: 'shout', body: 'x', clientKey: randomUUID() }, 'kind'],
      [{ kind: 'text', body: 'x' }, 'clientKey'],
    ];
    for (const [body, field] of cases) {
      const r = await post(id, body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(422);
      expect(Object.keys(r.body.error.details.fields)).toContain(field);
    }
    expect((await list(id)).body.items).toEqual([]);
  });

  it('a third party gets 404 for the thread, sending, reading and typing', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    const stranger = await makeUser();
    const id = await open(fan, creator);
    await post(id, { kind: 'text', body: 'private', clientKey: randomUUID() });
    await signInAs(stranger);
    expect((await list(id)).status).toBe(404);
    expect((await post(id, { kind: 'text', body: 'hey', clientKey: randomUUID() })).status).toBe(404);
    const typing = await json(
      await typingRoute.POST(jsonRequest(`/api/conversations/${id}/typing`, { typing: true }), params(id)),
    );
    expect(typing.status).toBe(404);
    expect((await list('not-a-uuid')).status).toBe(404);
  });
});

describe('premium messages through the route', () => {
  it('402 INSUFFICIENT_TOKENS and nothing sent; then a funded double click sends and charges once', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    await signInAs(creator);
    const price = await json(
      await settingsRoute.PUT(jsonRequest('/api/messages/settings', { price: 12 }, { method: 'PUT' })),
    );
    expect(price.body).toEqual({ price: 12 });
    const id = await open(fan, creator);
    const poor = await post(id, { kind: 'text', body: 'paid hi', clientKey: randomUUID() });
    expect(poor.status).toBe(402);
    expect(poor.body.error.code).toBe('INSUFFICIENT_TOKENS');
    expect((await list(id)).body.items).toEqual([]);
    await fund(fan, STARTER);
    await signInAs(fan);
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => post(id, { kind: 'text', body: 'paid hi', clientKey: key })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await balanceOf(fan)).toBe(88);
    expect((await list(id)).body.items).toHaveLength(1);
  });

  it('fans cannot set a message price (403)', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const r = await json(
      await settingsRoute.PUT(jsonRequest('/api/messages/settings', { price: 3 }, { method: 'PUT' })),
    );
    expect(r.status).toBe(403);
  });
});

describe('uploads', () => {
  it('stores an allowed file and serves it to its owner only', async () => {
    const a = await makeUser();
    const b = await makeUser();
    await signInAs(a);
    const r = await upload(PNG, 'image/png');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      contentType: 'image/png',
      size: PNG.length,
      url: `/api/uploads/${r.body.id}`,
    });
    const mine = await getUpload(r.body.id);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await mine.arrayBuffer()).equals(PNG)).toBe(true);
    await signInAs(b);
    expect((await getUpload(r.body.id)).status).toBe(404);
  });

  it('refuses too large (413), a type off the allow-list (415), empty or mismatched bytes (422)', async () => {
    const a = await makeUser();
    await signInAs(a);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    PNG.copy(big);
    const cases: [Buffer, string | null, number, string][] = [
      [big, 'image/png', 413, 'PAYLOAD_TOO_LARGE'],
      [Buffer.from('<script>alert(1)</script>'), 'text/html', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [PNG, 'application/pdf', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [PNG, null, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [Buffer.alloc(0), 'image/png', 422, 'VALIDATION_ERROR'],
      [Buffer.from('GIF89a-not-a-png'), 'image/png', 422, 'VALIDATION_ERROR'],
      [PNG, 'image/jpeg', 422, 'VALIDATION_ERROR'],
    ];
    for (const [bytes, type, status, code] of cases) {
      const r = await upload(bytes, type);
      expect(r.status, `${type} ${bytes.length}`).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    // A body that claims to be small but is not is cut off at the limit too.
    const lying = await uploadRoute
      .POST(uploadRequest(big, 'image/png', { 'content-length': '100' }))
      .then(json);
    expect(lying.status).toBe(413);
  });

  it('anonymous uploads are refused (401)', async () => {
    expect((await upload(PNG, 'image/png')).status).toBe(401);
  });
});

describe('pay-per-view through the routes', () => {
  it('locked for the fan (no URL, file 404) until unlocked; unlock charges once; then the file is served', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    const stranger = await makeUser();
    const id = await open(fan, creator);
    await signInAs(creator);
    const up = await upload(PNG, 'image/png');
    const sent = await post(id, {
      kind: 'ppv',
      body: 'Behind the scenes',
      uploadId: up.body.id,
      amount: 20,
      clientKey: randomUUID(),
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      kind: 'ppv',
      price: 20,
      mediaUrl: `/api/uploads/${up.body.id}`,
      locked: false,
    });
    const ppvId = sent.body.id as string;

    await signInAs(fan);
    const locked = (await list(id)).body.items[0];
    expect(locked).toMatchObject({ id: ppvId, locked: true, mediaUrl: null, price: 20 });
    expect(JSON.stringify(locked)).not.toContain(up.body.id);
    expect((await getUpload(up.body.id)).status).toBe(404);
    const unlock = () =>
      unlockRoute.POST(jsonRequest(`/api/messages/${ppvId}/unlock`, undefined), params(ppvId)).then(json);
    const poor = await unlock();
    expect(poor.status).toBe(402);
    expect((await getUpload(up.body.id)).status).toBe(404);

    await fund(fan, STARTER);
    await signInAs(fan);
    const results = await Promise.all([unlock(), unlock(), unlock()]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.body.replayed === false)).toHaveLength(1);
    expect(await balanceOf(fan)).toBe(80);
    expect((await list(id)).body.items[0]).toMatchObject({
      locked: false,
      unlocked: true,
      mediaUrl: `/api/uploads/${up.body.id}`,
    });
    expect((await getUpload(up.body.id)).status).toBe(200);

    await signInAs(stranger);
    expect((await getUpload(up.body.id)).status).toBe(404);
    expect((await unlock()).status).toBe(404);
  });

  it('unsend: only the sender (fan → 403); hides it from an unpaid fan', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    const id = await open(fan, creator);
    await signInAs(creator);
    const up = await upload(PNG, 'image/png');
    const sent = await post(id, {
      kind: 'ppv',
      body: '',
      uploadId: up.body.id,
      amount: 5,
      clientKey: randomUUID(),
    });
    const ppvId = sent.body.id as string;
    const unsend = () =>
      unsendRoute.POST(jsonRequest(`/api/messages/${ppvId}/unsend`, undefined), params(ppvId)).then(json);
    await signInAs(fan);
    expect((await unsend()).status).toBe(403);
    await signInAs(creator);
    expect((await unsend()).body).toEqual({ unsent: true, hiddenFromRecipient: true });
    await signInAs(fan);
    expect((await list(id)).body.items).toEqual([]);
  });
});

describe('blocking through the route', () => {
  it('a blocked fan gets 403 when messaging; unblocking restores it', async () => {
    const fan = await makeUser();
    const creator = await makeUser('creator');
    const id = await open(fan, creator);
    await signInAs(creator);
    const b = await json(
      await blocksRoute.POST(jsonRequest('/api/messages/blocks', { userId: fan.id, blocked: true })),
    );
    expect(b.body).toEqual({ blocked: true });
    await signInAs(fan);
    const r = await post(id, { kind: 'text', body: 'hello?', clientKey: randomUUID() });
    expect(r.status).toBe(403);
    await signInAs(creator);
    await blocksRoute.POST(jsonRequest('/api/messages/blocks', { userId: fan.id, blocked: false }));
    await signInAs(fan);
    expect((await post(id, { kind: 'text', body: 'hello!', clientKey: randomUUID() })).status).toBe(200);
  });
});
