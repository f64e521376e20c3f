import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { claimsOf, fund, jsonRequest, makeUser, signInAs, type TestUser } from '../payments/helpers';

vi.mock('next/headers', () => nextHeadersMock());

/** The stream routes over their real handlers: roles, tokens, chat limits, moderation, money, realtime. */

const streams = await import('@/app/api/streams/route');
const mine = await import('@/app/api/streams/mine/route');
const gifts = await import('@/app/api/streams/gifts/route');
const detail = await import('@/app/api/streams/[id]/route');
const end = await import('@/app/api/streams/[id]/end/route');
const token = await import('@/app/api/streams/[id]/token/route');
const presence = await import('@/app/api/streams/[id]/presence/route');
const chat = await import('@/app/api/streams/[id]/chat/route');
const chatMessage = await import('@/app/api/streams/[id]/chat/[messageId]/route');
const mute = await import('@/app/api/streams/[id]/mute/route');
const tip = await import('@/app/api/streams/[id]/tip/route');
const gift = await import('@/app/api/streams/[id]/gift/route');
const events = await import('@/app/api/streams/[id]/events/route');
const analytics = await import('@/app/api/streams/[id]/analytics/route');
const vod = await import('@/app/api/streams/[id]/vod/route');
const moderation = await import('@/app/api/streams/[id]/moderation/route');
const { asService, asUser } = await import('@/lib/db/tx');
const { readRtcTokenPrivileges, rtcUidFor } = await import('@/lib/adapters/video/agora');
const { localBus } = await import('@/lib/adapters/realtime/local-bus');
const { rateLimiter } = await import('@/lib/adapters/rate-limit');
const { getWallet } = await import('@/lib/ledger/wallet');
const { getPool } = await import('@/lib/db/pool');

const PACK = { id: 'starter', tokens: 100, price_cents: 999 };

beforeEach(() => jar.values.clear());

// biome-ignore lint/suspicious/noExplicitAny: response bodies of many shapes, read field by field below
type Json = { status: number; body: Record<string, any> };
const asJson = async (res: Response): Promise<Json> => ({ status: res.status, body: await res.json() });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (url: string, body?: unknown) => jsonRequest(url, body ?? {});
const get = (url: string) => new Request(`http://localhost${url}`);
const balanceOf = async (u: TestUser) => (await getWallet(claimsOf(u))).balance;

async function live(creator: TestUser, subscriberOnly = false): Promise<string> {
  await signInAs(creator);
  const r = await asJson(
    await streams.POST(post('/api/streams', { title: 'Evening set', category: 'music', subscriberOnly })),
  );
  expect(r.status).toBe(200);
  return r.body.stream.id as string;
}

async function invariantsOk(): Promise<boolean> {
  const r = await (await getPool()).query<{ ok: boolean }>('select ok from ledger.check_invariants()');
  return r.rows.every((x) => x.ok);
}

describe('going live and ending', () => {
  it('fans cannot go live (403); bad input 422 naming fields; a second live stream 409', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    const denied = await asJson(await streams.POST(post('/api/streams', { title: 'x', category: 'music' })));
    expect(denied.status).toBe(403);
    const creator = await makeUser('creator');
    await signInAs(creator);
    const bad = await asJson(await streams.POST(post('/api/streams', { title: ' ', category: 'cooking' })));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['category', 'title']);
    const id = await live(creator);
    const second = await asJson(
      await streams.POST(post('/api/streams', { title: 'Again', category: 'art' })),
    );
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CONFLICT');
    const list = await asJson(await mine.GET(get('/api/streams/mine'), ctx('')));
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([id]);
  });

  it('only the creator ends it (403 for others); viewers hear stream.ended; ended → token 409', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const id = await live(creator);
    await signInAs(fan);
    expect((await asJson(await end.POST(post(`/api/streams/${id}/end`), ctx(id)))).status).toBe(403);
    const heard: string[] = [];
    const stop = localBus().subscribe(`stream:${id}`, (m: { name: string }) => heard.push(m.name));
    await signInAs(creator);
    const ended = await asJson(await end.POST(post(`/api/streams/${id}/end`), ctx(id)));
    stop();
    expect(ended.body.stream.status).toBe('ended');
    expect(heard).toEqual(['stream.ended']);
    await signInAs(fan);
    expect((await asJson(await token.POST(post(`/api/streams/${id}/token`), ctx(id)))).status).toBe(409);
  });

  it('stores a VOD URL from the creator only; rejects a non-http URL (422)', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const id = await live(creator);
    const put = (body: unknown) =>
      vod.PUT(jsonRequest(`/api/streams/${id}/vod`, body, { method: 'PUT' }), ctx(id));
    expect((await asJson(await put({ url: 'javascript:alert(1)' }))).status).toBe(422);
    const ok = await asJson(await put({ url: 'https://cdn.example.test/rec.mp4' }));
    expect(ok.body.stream.vodUrl).toBe('https://cdn.example.test/rec.mp4');
    await signInAs(fan);
    expect((await asJson(await put({ url: 'https://evil.example.test/x.mp4' }))).status).toBe(403);
    const seen = await asJson(await detail.GET(get(`/api/streams/${id}`), ctx(id)));
    expect(seen.body.stream.vodUrl).toBe('https://cdn.example.test/rec.mp4');
  });
});

describe('POST /api/streams/:id/token', () => {
  it('publisher for the creator only; subscriber for a viewer; 401 anonymous; 404 unknown', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const id = await live(creator);
    const pub = await asJson(await token.POST(post(`/api/streams/${id}/token`), ctx(id)));
    expect(pub.body.token).toMatchObject({ role: 'publisher', mode: 'simulated', channel: `stream-${id}` });
    expect(readRtcTokenPrivileges(pub.body.token.token).publishVideo).toBeInstanceOf(Date);
    await signInAs(fan);
    const sub = await asJson(await token.POST(post(`/api/streams/${id}/token`), ctx(id)));
    expect(sub.body.token).toMatchObject({ role: 'subscriber', uid: rtcUidFor(fan.id) });
    const p = readRtcTokenPrivileges(sub.body.token.token);
    expect(p.joinChannel).toBeInstanceOf(Date);
    expect(p.publishVideo).toBeUndefined();
    expect(p.publishAudio).toBeUndefined();
    jar.values.clear();
    expect((await asJson(await token.POST(post(`/api/streams/${id}/token`), ctx(id)))).status).toBe(401);
    await signInAs(fan);
    const unknown = randomUUID();
    expect((await asJson(await token.POST(post(`/api/streams/${unknown}/token`), ctx(unknown)))).status).toBe(
      404,
    );
  });

  it('subscriber-only: a viewer without a subscription is refused (403) — only the creator gets a token', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const id = await live(creator, true);
    const pub = await asJson(await token.POST(post(`/api/streams/${id}/token`), ctx(id)));
    expect(pub.body.token.role).toBe('publisher');
    await signInAs(fan);
    const denied = await asJson(await token.POST(post(`/api/streams/${id}/token`), ctx(id)));
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/subscribers only/i);
    expect((await asJson(await chat.GET(get(`/api/streams/${id}/chat`), ctx(id)))).status).toBe(403);
    expect((await asJson(await events.GET(get(`/api/streams/${id}/events`), ctx(id)))).status).toBe(403);
    expect(
      (await asJson(await presence.POST(post(`/api/streams/${id}/presence`, { present: true }), ctx(id))))
        .status,
    ).toBe(403);
  });
});

describe('subscriber-only with a subscription', () => {
  it('a subscriber gets a subscriber token, chat and events; their subscription is the only difference', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    await fund(fan, { id: 'starter', tokens: 100, price_cents: 999 });
    const tier = await asUser(claimsOf(creator), async (db) => {
      const r = await db.query<{ id: string }>(
        `select (x.tier).id from public.save_subscription_tier(null, 1, 'Supporter', 30, 'perks', null, true, null, null) x`,
      );
      return r.rows[0]?.id as string;
    });
    const id = await live(creator, true);
    await signInAs(fan);
    expect((await asJson(await token.POST(post(`/api/streams/${id}/token`), ctx(id)))).status).toBe(403);
    await asUser(claimsOf(fan), (db) => db.query('select * from public.subscribe($1)', [tier]));
    const granted = await asJson(await token.POST(post(`/api/streams/${id}/token`), ctx(id)));
    expect(granted.status).toBe(200);
    expect(granted.body.token).toMatchObject({ role: 'subscriber', uid: rtcUidFor(fan.id) });
    expect((await asJson(await chat.GET(get(`/api/streams/${id}/chat`), ctx(id)))).status).toBe(200);
    expect((await asJson(await events.GET(get(`/api/streams/${id}/events`), ctx(id)))).status).toBe(200);
  });
});

describe('chat', () => {
  it('length: empty or over 300 characters → 422, nothing stored', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const id = await live(creator);
    await signInAs(fan);
    for (const body of ['', '   ', 'x'.repeat(301)]) {
      const r = await asJson(await chat.POST(post(`/api/streams/${id}/chat`, { body }), ctx(id)));
      expect(r.status).toBe(422);
      expect(r.body.error.details.fields.body).toBeDefined();
    }
    const list = await asJson(await chat.GET(get(`/api/streams/${id}/chat`), ctx(id)));
    expect(list.body.messages).toEqual([]);
  });

  it('rate limit per user: the 6th message within 10 s → 429 with Retry-After; another user is unaffected', async () => {
    const creator = await makeUser('creator');
    const [fan, other] = [await makeUser(), await makeUser()];
    const id = await live(creator);
    await signInAs(fan);
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 6; i++) {
      last = await chat.POST(post(`/api/streams/${id}/chat`, { body: `message ${i}` }), ctx(id));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    const limited = (await last?.json()) as { error?: { code: string } } | undefined;
    expect(limited?.error?.code).toBe('RATE_LIMITED');
    await signInAs(other);
    expect((await chat.POST(post(`/api/streams/${id}/chat`, { body: 'hi' }), ctx(id))).status).toBe(200);
    const list = await asJson(await chat.GET(get(`/api/streams/${id}/chat`), ctx(id)));
    expect(list.body.messages).toHaveLength(6);
    await (await rateLimiter()).reset(`stream-chat:${fan.id}:${id}`);
  });

  it('delivers chat on stream:<id>; delete and mute by the creator only (403 for a viewer)', async () => {
    const creator = await makeUser('creator');
    const [fan, other] = [await makeUser(), await makeUser()];
    const id = await live(creator);
    const heard: { name: string; data: { body?: string } }[] = [];
    const stop = localBus().subscribe(`stream:${id}`, (m: { name: string; data: unknown }) =>
      heard.push(m as (typeof heard)[number]),
    );
    await signInAs(fan);
    const sent = await asJson(
      await chat.POST(post(`/api/streams/${id}/chat`, { body: 'hello stream' }), ctx(id)),
    );
    const msgId = String(sent.body.message.id);
    const mctx = { params: Promise.resolve({ id, messageId: msgId }) };
    await signInAs(other);
    const del = (await chatMessage.DELETE(
      new Request(`http://localhost/api/streams/${id}/chat/${msgId}`, { method: 'DELETE' }),
      mctx,
    )) as Response;
    expect(del.status).toBe(403);
    const m = await asJson(
      await mute.POST(post(`/api/streams/${id}/mute`, { userId: fan.id, muted: true }), ctx(id)),
    );
    expect(m.status).toBe(403);
    await signInAs(creator);
    const ok = await chatMessage.DELETE(
      new Request(`http://localhost/api/streams/${id}/chat/${msgId}`, { method: 'DELETE' }),
      mctx,
    );
    expect(ok.status).toBe(200);
    const muted = await asJson(
      await mute.POST(
        post(`/api/streams/${id}/mute`, { userId: fan.id, muted: true, reason: 'spam' }),
        ctx(id),
      ),
    );
    expect(muted.body).toEqual({ changed: true });
    stop();
    expect(heard.map((h) => h.name)).toEqual(['stream.chat', 'stream.chat-deleted', 'stream.muted']);
    await signInAs(fan);
    const refused = await asJson(
      await chat.POST(post(`/api/streams/${id}/chat`, { body: 'again' }), ctx(id)),
    );
    expect(refused.status).toBe(403);
    const list = await asJson(await chat.GET(get(`/api/streams/${id}/chat`), ctx(id)));
    expect(list.body.messages.map((x: { body: string | null }) => x.body)).toEqual([null]);
  });
});

describe('tips and gifts', () => {
  it('a double click on a gift (6 concurrent requests, one key) charges once and announces once', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    await fund(fan, PACK);
    const id = await live(creator);
    const heard: { name: string; data: { seq: number } }[] = [];
    const stop = localBus().subscribe(`stream:${id}`, (m: { name: string; data: unknown }) =>
      heard.push(m as (typeof heard)[number]),
    );
    await signInAs(fan);
    const body = { giftId: 'rose', idempotencyKey: randomUUID() };
    const results = await Promise.all(
      Array.from({ length: 6 }, async () =>
        asJson(await gift.POST(post(`/api/streams/${id}/gift`, body), ctx(id))),
      ),
    );
    stop();
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.event.seq))).toEqual(new Set([1]));
    expect(results.filter((r) => !r.body.replayed)).toHaveLength(1);
    expect(await balanceOf(fan)).toBe(90);
    expect(heard.filter((h) => h.name === 'stream.event').map((h) => h.data.seq)).toEqual([1]);
    expect(await invariantsOk()).toBe(true);
  });

  it('too few tokens → 402 INSUFFICIENT_TOKENS and nothing moved or shown', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const id = await live(creator);
    await signInAs(fan);
    const r = await asJson(
      await tip.POST(post(`/api/streams/${id}/tip`, { amount: 10, idempotencyKey: randomUUID() }), ctx(id)),
    );
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('INSUFFICIENT_TOKENS');
    const g = await asJson(
      await gift.POST(
        post(`/api/streams/${id}/gift`, { giftId: 'heart', idempotencyKey: randomUUID() }),
        ctx(id),
      ),
    );
    expect(g.status).toBe(402);
    const ev = await asJson(await events.GET(get(`/api/streams/${id}/events`), ctx(id)));
    expect(ev.body.events).toEqual([]);
    expect(await balanceOf(fan)).toBe(0);
  });

  it('bad input → 422 (amount, key, gift id) and an unknown gift → 404', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    await fund(fan, PACK);
    const id = await live(creator);
    await signInAs(fan);
    const cases: [unknown, string][] = [
      [{ amount: 0, idempotencyKey: randomUUID() }, 'amount'],
      [{ amount: 1.5, idempotencyKey: randomUUID() }, 'amount'],
      [{ amount: 5 }, 'idempotencyKey'],
      [{ amount: 5, message: 'x'.repeat(281), idempotencyKey: randomUUID() }, 'message'],
    ];
    for (const [body, field] of cases) {
      const r = await asJson(await tip.POST(post(`/api/streams/${id}/tip`, body), ctx(id)));
      expect(r.status).toBe(422);
      expect(Object.keys(r.body.error.details.fields)).toEqual([field]);
    }
    const bad = await asJson(
      await gift.POST(
        post(`/api/streams/${id}/gift`, { giftId: 'Yacht!', idempotencyKey: randomUUID() }),
        ctx(id),
      ),
    );
    expect(bad.status).toBe(422);
    const unknown = await asJson(
      await gift.POST(
        post(`/api/streams/${id}/gift`, { giftId: 'yacht', idempotencyKey: randomUUID() }),
        ctx(id),
      ),
    );
    expect(unknown.status).toBe(404);
    expect(await balanceOf(fan)).toBe(100);
  });

  it('events list in seq order for everyone, catching up after a given seq', async () => {
    const creator = await makeUser('creator');
    const [a, b] = [await makeUser(), await makeUser()];
    await fund(a, PACK);
    await fund(b, PACK);
    const id = await live(creator);
    for (const [u, step] of [
      [a, { tip: 3 }],
      [b, { gift: 'heart' }],
      [a, { gift: 'rose' }],
      [b, { tip: 7 }],
    ] as const) {
      await signInAs(u);
      if ('tip' in step)
        await tip.POST(
          post(`/api/streams/${id}/tip`, { amount: step.tip, idempotencyKey: randomUUID() }),
          ctx(id),
        );
      else
        await gift.POST(
          post(`/api/streams/${id}/gift`, { giftId: step.gift, idempotencyKey: randomUUID() }),
          ctx(id),
        );
    }
    const seen = async (u: TestUser, after = 0) => {
      await signInAs(u);
      const r = await asJson(await events.GET(get(`/api/streams/${id}/events?after=${after}`), ctx(id)));
      return r.body.events.map((e: { seq: number; kind: string; amount: number }) => [
        e.seq,
        e.kind,
        e.amount,
      ]);
    };
    const expected = [
      [1, 'tip', 3],
      [2, 'gift', 5],
      [3, 'gift', 10],
      [4, 'tip', 7],
    ];
    expect(await seen(a)).toEqual(expected);
    expect(await seen(creator)).toEqual(expected);
    expect(await seen(b, 2)).toEqual(expected.slice(2));
  });
});

describe('discovery, presence and analytics', () => {
  it('"Live now" orders by the server-side viewer count; gifts catalog is public', async () => {
    const [c1, c2] = [await makeUser('creator'), await makeUser('creator')];
    const [f1, f2] = [await makeUser(), await makeUser()];
    const quiet = await live(c1);
    const busy = await live(c2);
    for (const f of [f1, f2]) {
      await signInAs(f);
      const p = await asJson(
        await presence.POST(post(`/api/streams/${busy}/presence`, { present: true }), ctx(busy)),
      );
      expect(p.status).toBe(200);
    }
    jar.values.clear();
    const list = await asJson(await streams.GET(get('/api/streams'), ctx('')));
    const ids = list.body.items.map((s: { id: string }) => s.id);
    expect(ids.indexOf(busy)).toBeLessThan(ids.indexOf(quiet));
    expect(list.body.items.find((s: { id: string }) => s.id === busy).viewerCount).toBe(2);
    const catalog = await asJson(await gifts.GET(get('/api/streams/gifts'), ctx('')));
    expect(catalog.body.gifts.map((g: { id: string }) => g.id)).toContain('rose');
  });

  it('analytics: the creator sees the figures; a viewer gets 403', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    await fund(fan, PACK);
    const id = await live(creator);
    await signInAs(fan);
    await presence.POST(post(`/api/streams/${id}/presence`, { present: true }), ctx(id));
    await gift.POST(
      post(`/api/streams/${id}/gift`, { giftId: 'coffee', idempotencyKey: randomUUID() }),
      ctx(id),
    );
    await chat.POST(post(`/api/streams/${id}/chat`, { body: 'great show' }), ctx(id));
    expect((await asJson(await analytics.GET(get(`/api/streams/${id}/analytics`), ctx(id)))).status).toBe(
      403,
    );
    await signInAs(creator);
    await end.POST(post(`/api/streams/${id}/end`), ctx(id));
    const a = await asJson(await analytics.GET(get(`/api/streams/${id}/analytics`), ctx(id)));
    expect(a.body.analytics).toMatchObject({
      peakViewers: 1,
      uniqueViewers: 1,
      chatMessages: 1,
      giftsTotal: 25,
      giftsCount: 1,
      tipsTotal: 0,
      creatorEarned: 20,
    });
    expect(a.body.supporters).toEqual([
      {
        userId: fan.id,
        username: fan.username,
        displayName: expect.any(String),
        total: 25,
        tips: 0,
        gifts: 1,
      },
    ]);
  });
});

describe('discovery leaves out silent studios; moderation record', () => {
  it('a live stream whose studio has been silent for 2 minutes is not listed', async () => {
    const creator = await makeUser('creator');
    const id = await live(creator);
    jar.values.clear();
    const listed = async () =>
      (await asJson(await streams.GET(get('/api/streams'), ctx('')))).body.items.some(
        (s: { id: string }) => s.id === id,
      );
    expect(await listed()).toBe(true);
    await asService((db) =>
      db.query(
        `update public.live_streams set creator_seen_at = now() - interval '3 minutes' where id = $1`,
        [id],
      ),
    );
    expect(await listed()).toBe(false);
  });

  it('GET /moderation: the creator reads the record; a viewer reads nothing', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const id = await live(creator);
    await mute.POST(
      post(`/api/streams/${id}/mute`, { userId: fan.id, muted: true, reason: 'flooding' }),
      ctx(id),
    );
    const mine = await asJson(await moderation.GET(get(`/api/streams/${id}/moderation`), ctx(id)));
    expect(mine.body.actions).toMatchObject([{ action: 'mute', target: { id: fan.id }, reason: 'flooding' }]);
    await signInAs(fan);
    const theirs = await asJson(await moderation.GET(get(`/api/streams/${id}/moderation`), ctx(id)));
    expect(theirs.body.actions).toEqual([]);
  });
});
