import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import {
  claimsOf,
  fund,
  jsonRequest,
  makeUser,
  signInAs as signInFresh,
  type TestUser,
} from '../payments/helpers';

vi.mock('next/headers', () => nextHeadersMock());

/**
 * Live shopping (pin a product on a live stream, buy it from the stream page) and the loyalty badge
 * ("subscribed N months") in stream chat and DMs — over the real routes and SQL.
 */

const streams = await import('@/app/api/streams/route');
const end = await import('@/app/api/streams/[id]/end/route');
const pin = await import('@/app/api/streams/[id]/pin/route');
const buyRoute = await import('@/app/api/streams/[id]/buy/route');
const tip = await import('@/app/api/streams/[id]/tip/route');
const shopPurchase = await import('@/app/api/shop/products/[id]/purchase/route');
const events = await import('@/app/api/streams/[id]/events/route');
const analytics = await import('@/app/api/streams/[id]/analytics/route');
const chat = await import('@/app/api/streams/[id]/chat/route');
const products = await import('@/app/api/shop/products/route');
const productById = await import('@/app/api/shop/products/[id]/route');
const conversations = await import('@/app/api/conversations/route');
const { asService, asUser } = await import('@/lib/db/tx');
const { localBus } = await import('@/lib/adapters/realtime/local-bus');
const { getWallet } = await import('@/lib/ledger/wallet');
const { ledgerProblems, saveTier, subscribe, makeDue, renewDue } = await import('../subscriptions/helpers');
const { earningsOf } = await import('../calls/helpers');

const PACK = { id: 'popular', tokens: 550, price_cents: 4999 };
const ADDRESS = {
  name: 'Alex Park',
  line1: '1 Rue de Rivoli',
  city: 'Paris',
  postalCode: '75001',
  country: 'fr',
};

let current: string | null = null;
beforeEach(() => {
  jar.values.clear();
  current = null;
});
/** Signs in only when the session is someone else's (sign-in itself is rate limited per account). */
async function signInAs(u: TestUser): Promise<void> {
  if (current === u.id && jar.values.size > 0) return;
  await signInFresh(u);
  current = u.id;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies of many shapes, read field by field below
type Json = { status: number; body: Record<string, any> };
const asJson = async (res: Response): Promise<Json> => ({ status: res.status, body: await res.json() });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const get = (url: string) => new Request(`http://localhost${url}`);
const del = (url: string) => new Request(`http://localhost${url}`, { method: 'DELETE' });
const put = (url: string, body: unknown) => jsonRequest(url, body, { method: 'PUT' });
const asTest = (u: TestUser) => ({ id: u.id, username: u.username, claims: claimsOf(u) });
const balanceOf = async (u: TestUser) => (await getWallet(claimsOf(u))).balance;

async function goLive(creator: TestUser, subscriberOnly = false): Promise<string> {
  await signInAs(creator);
  const r = await asJson(
    await streams.POST(jsonRequest('/api/streams', { title: 'Shop night', category: 'art', subscriberOnly })),
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.stream.id as string;
}

async function product(creator: TestUser, p: Record<string, unknown>): Promise<string> {
  await signInAs(creator);
  const r = await asJson(await products.POST(jsonRequest('/api/shop/products', p)));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.product.id;
}

const poster = (creator: TestUser, stock: number | null = 5) =>
  product(creator, { kind: 'physical', name: 'Signed poster', price: 40, stock });
const presets = (creator: TestUser) =>
  product(creator, {
    kind: 'digital',
    name: 'Preset pack',
    price: 30,
    downloadUrl: 'https://files.example.test/p.zip',
  });

const pinAs = async (u: TestUser, streamId: string, productId: string) => {
  await signInAs(u);
  return asJson(await pin.PUT(put(`/api/streams/${streamId}/pin`, { productId }), ctx(streamId)));
};
const readPin = async (u: TestUser, streamId: string) => {
  await signInAs(u);
  return asJson(await pin.GET(get(`/api/streams/${streamId}/pin`), ctx(streamId)));
};
const buy = async (u: TestUser, streamId: string, body: Record<string, unknown>) => {
  await signInAs(u);
  return asJson(
    await buyRoute.POST(
      jsonRequest(`/api/streams/${streamId}/buy`, { idempotencyKey: randomUUID(), ...body }),
      ctx(streamId),
    ),
  );
};
const stockOf = async (productId: string) =>
  asService(async (db) => {
    const r = await db.query<{ stock: number | null }>('select stock from public.products where id = $1', [
      productId,
    ]);
    return r.rows[0]?.stock;
  });

describe('pinning a product', () => {
  it('the creator pins their own active product; viewers see it live, in order with the other events', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const streamId = await goLive(creator);
    const productId = await poster(creator, 3);

    const heard: { name: string; data: Record<string, unknown> }[] = [];
    const stop = localBus().subscribe(`stream:${streamId}`, (m: { name: string; data: unknown }) =>
      heard.push(m as (typeof heard)[number]),
    );
    const r = await pinAs(creator, streamId, productId);
    stop();
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.pinned).toMatchObject({
      id: productId,
      name: 'Signed poster',
      kind: 'physical',
      price: 40,
      stock: 3,
    });
    expect(r.body.event).toMatchObject({
      seq: 1,
      kind: 'pin',
      product: { id: productId, name: 'Signed poster' },
    });
    expect(heard.map((m) => m.name)).toEqual(['stream.event', 'stream.pin']);
    expect(heard[1]?.data.pinned).toMatchObject({ id: productId });

    const seen = await readPin(fan, streamId);
    expect(seen.status).toBe(200);
    expect(seen.body.pinned).toMatchObject({ id: productId, stock: 3 });

    // Pinning it again changes nothing and records nothing.
    const again = await pinAs(creator, streamId, productId);
    expect(again.status).toBe(200);
    expect(again.body.event).toBeNull();

    // A tip after the pin takes the next number: one sequence for everything on screen.
    await fund(fan, PACK);
    await signInAs(fan);
    const tipped = await asJson(
      await tip.POST(
        jsonRequest(`/api/streams/${streamId}/tip`, { amount: 5, idempotencyKey: randomUUID() }),
        ctx(streamId),
      ),
    );
    expect(tipped.body.event).toMatchObject({ seq: 2, kind: 'tip', product: null });

    // Unpin: an 'unpin' event with the next seq; the viewer's read is empty.
    await signInAs(creator);
    const un = await asJson(await pin.DELETE(del(`/api/streams/${streamId}/pin`), ctx(streamId)));
    expect(un.status).toBe(200);
    expect(un.body).toMatchObject({ pinned: null, event: { seq: 3, kind: 'unpin' } });
    expect((await readPin(fan, streamId)).body.pinned).toBeNull();

    await signInAs(fan);
    const list = await asJson(await events.GET(get(`/api/streams/${streamId}/events`), ctx(streamId)));
    expect(list.body.events.map((e: { seq: number; kind: string }) => [e.seq, e.kind])).toEqual([
      [1, 'pin'],
      [2, 'tip'],
      [3, 'unpin'],
    ]);
    // Pins are not support: only the fan's tip counts, the creator is not their own supporter.
    await signInAs(creator);
    const a = await asJson(await analytics.GET(get(`/api/streams/${streamId}/analytics`), ctx(streamId)));
    expect(a.status).toBe(200);
    expect(a.body.supporters.map((x: { userId: string; total: number }) => [x.userId, x.total])).toEqual([
      [fan.id, 5],
    ]);
    expect(a.body.analytics).toMatchObject({ tipsCount: 1, tipsTotal: 5, giftsCount: 0 });
  });

  it('another creator and a fan get 403, anonymous 401; nothing changes', async () => {
    const creator = await makeUser('creator');
    const other = await makeUser('creator');
    const fan = await makeUser();
    const streamId = await goLive(creator);
    const productId = await poster(creator);
    const theirs = await poster(other);

    expect((await pinAs(other, streamId, productId)).status).toBe(403);
    expect((await pinAs(other, streamId, theirs)).status).toBe(403);
    expect((await pinAs(fan, streamId, productId)).status).toBe(403);
    await signInAs(fan);
    expect((await pin.DELETE(del(`/api/streams/${streamId}/pin`), ctx(streamId))).status).toBe(403);
    jar.values.clear();
    current = null;
    const anon = await asJson(
      await pin.PUT(put(`/api/streams/${streamId}/pin`, { productId }), ctx(streamId)),
    );
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('AUTH_REQUIRED');
    expect((await pin.GET(get(`/api/streams/${streamId}/pin`), ctx(streamId))).status).toBe(401);
    expect((await readPin(fan, streamId)).body.pinned).toBeNull();
  });

  it('refuses a foreign, inactive, sold-out or unknown product, bad input, and an ended stream', async () => {
    const creator = await makeUser('creator');
    const other = await makeUser('creator');
    const streamId = await goLive(creator);
    const theirs = await poster(other);
    const inactive = await poster(creator);
    await signInAs(creator);
    expect(
      (
        await productById.PATCH(
          jsonRequest(`/api/shop/products/${inactive}`, { active: false }, { method: 'PATCH' }),
          ctx(inactive),
        )
      ).status,
    ).toBe(200);
    const soldOut = await poster(creator, 0);

    const foreign = await pinAs(creator, streamId, theirs);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('FORBIDDEN');
    const off = await pinAs(creator, streamId, inactive);
    expect(off.status).toBe(409);
    expect(off.body.error.message).toMatch(/not active/);
    expect((await pinAs(creator, streamId, soldOut)).body.error.message).toMatch(/sold out/i);
    expect((await pinAs(creator, streamId, randomUUID())).status).toBe(404);
    const bad = await pinAs(creator, streamId, 'not-a-uuid');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(['productId']);
    expect((await pinAs(creator, 'nope', theirs)).status).toBe(404);

    const mine = await poster(creator);
    expect((await pinAs(creator, streamId, mine)).status).toBe(200);
    await signInAs(creator);
    expect((await end.POST(jsonRequest(`/api/streams/${streamId}/end`, {}), ctx(streamId))).status).toBe(200);
    // Ending drops the pin; pinning on an ended stream is refused.
    const row = await asService((db) =>
      db.query('select pinned_product_id, pinned_at from public.live_streams where id = $1', [streamId]),
    );
    expect(row.rows[0]).toEqual({ pinned_product_id: null, pinned_at: null });
    const ended = await pinAs(creator, streamId, mine);
    expect(ended.status).toBe(409);
    expect(ended.body.error.message).toMatch(/ended/);
    expect((await readPin(creator, streamId)).body.pinned).toBeNull();
    const n = await asService((db) =>
      db.query<{ n: number }>('select count(*)::int as n from public.stream_events where stream_id = $1', [
        streamId,
      ]),
    );
    expect(n.rows[0]?.n).toBe(1);
  });

  it('SQL: set_stream_pin is not callable by anon; a deactivated product disappears from the read', async () => {
    const creator = await makeUser('creator');
    const streamId = await goLive(creator);
    const productId = await presets(creator);
    const code = await asUser(null, (db) =>
      db.query('select * from public.set_stream_pin($1, $2)', [streamId, productId]),
    ).catch((e: { code?: string }) => e.code);
    expect(code).toBe('42501');
    await asUser(claimsOf(creator), (db) =>
      db.query('select * from public.set_stream_pin($1, $2)', [streamId, productId]),
    );
    expect((await readPin(creator, streamId)).body.pinned?.id).toBe(productId);
    await asUser(claimsOf(creator), (db) =>
      db.query('update public.products set active = false where id = $1', [productId]),
    );
    expect((await readPin(creator, streamId)).body.pinned).toBeNull();
  });
  it('turning the pinned product off removes it for viewers at once; a restock shows the new stock', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const streamId = await goLive(creator);
    const productId = await poster(creator, 1);
    await pinAs(creator, streamId, productId);
    const heard: { name: string; data: Record<string, unknown> }[] = [];
    const stop = localBus().subscribe(`stream:${streamId}`, (m: { name: string; data: unknown }) =>
      heard.push(m as (typeof heard)[number]),
    );
    const patch = async (body: Record<string, unknown>) => {
      await signInAs(creator);
      return (
        await productById.PATCH(
          jsonRequest(`/api/shop/products/${productId}`, body, { method: 'PATCH' }),
          ctx(productId),
        )
      ).status;
    };
    expect(await patch({ stock: 7 })).toBe(200);
    expect(await patch({ active: false })).toBe(200);
    stop();
    expect(heard.map((m) => [m.name, (m.data.pinned as { stock?: number } | null)?.stock ?? null])).toEqual([
      ['stream.pin', 7],
      ['stream.pin', null],
    ]);
    expect((await readPin(fan, streamId)).body.pinned).toBeNull();
  });
});

describe('buying from the stream page', () => {
  it('a viewer buys the pinned product: stock and ledger move once, every viewer sees the new stock', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    await fund(fan, PACK);
    const streamId = await goLive(creator);
    const productId = await poster(creator, 2);
    expect((await pinAs(creator, streamId, productId)).status).toBe(200);
    const before = await balanceOf(fan);
    const earnedBefore = await earningsOf(asTest(creator));

    // Physical: the address is required (422, nothing moves).
    const noAddress = await buy(fan, streamId, { productId });
    expect(noAddress.status).toBe(422);
    expect(await balanceOf(fan)).toBe(before);
    expect(await stockOf(productId)).toBe(2);

    const heard: { name: string; data: Record<string, unknown> }[] = [];
    const stop = localBus().subscribe(`stream:${streamId}`, (m: { name: string; data: unknown }) =>
      heard.push(m as (typeof heard)[number]),
    );
    const key = randomUUID();
    const first = await buy(fan, streamId, { productId, shippingAddress: ADDRESS, idempotencyKey: key });
    // A double click (same key) returns the same order and charges once.
    const second = await buy(fan, streamId, { productId, shippingAddress: ADDRESS, idempotencyKey: key });
    stop();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.order).toMatchObject({ status: 'pending', kind: 'physical' });
    expect(second.body.order.id).toBe(first.body.order.id);
    expect(first.body.pinned).toMatchObject({ id: productId, stock: 1 });
    expect(heard.filter((m) => m.name === 'stream.pin').length).toBeGreaterThanOrEqual(1);
    expect(heard.find((m) => m.name === 'stream.pin')?.data.pinned).toMatchObject({ stock: 1 });

    expect(await balanceOf(fan)).toBe(before - 40);
    expect(await stockOf(productId)).toBe(1);
    expect((await earningsOf(asTest(creator))) - earnedBefore).toBeGreaterThan(0);
    expect((await earningsOf(asTest(creator))) - earnedBefore).toBeLessThanOrEqual(40);
    const orders = await asService((db) =>
      db.query<{ n: number }>('select count(*)::int as n from public.orders where product_id = $1', [
        productId,
      ]),
    );
    expect(orders.rows[0]?.n).toBe(1);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('the last unit: the pinned card shows sold out, the next buyer gets 409 and pays nothing', async () => {
    const creator = await makeUser('creator');
    const [a, b] = [await makeUser(), await makeUser()];
    await fund(a, PACK);
    await fund(b, PACK);
    const streamId = await goLive(creator);
    const productId = await product(creator, {
      kind: 'digital',
      name: 'Last preset',
      price: 25,
      stock: 1,
      downloadUrl: 'https://files.example.test/last.zip',
    });
    await pinAs(creator, streamId, productId);
    const ok = await buy(a, streamId, { productId });
    expect(ok.status).toBe(200);
    expect(ok.body.order).toMatchObject({ status: 'completed', kind: 'digital' });
    expect(ok.body.pinned).toMatchObject({ id: productId, stock: 0 });
    expect((await readPin(b, streamId)).body.pinned).toMatchObject({ id: productId, stock: 0 });
    const bBefore = await balanceOf(b);
    const late = await buy(b, streamId, { productId });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/sold out/i);
    expect(await balanceOf(b)).toBe(bBefore);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('a purchase from the profile shop also moves the pinned card’s stock for the stream’s viewers', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    await fund(fan, PACK);
    const streamId = await goLive(creator);
    const productId = await presets(creator);
    const limited = await poster(creator, 3);
    await pinAs(creator, streamId, limited);
    const heard: { name: string; data: Record<string, unknown> }[] = [];
    const stop = localBus().subscribe(`stream:${streamId}`, (m: { name: string; data: unknown }) =>
      heard.push(m as (typeof heard)[number]),
    );
    await signInAs(fan);
    const buyInShop = (id: string, body: Record<string, unknown> = {}) =>
      shopPurchase.POST(
        jsonRequest(`/api/shop/products/${id}/purchase`, { idempotencyKey: randomUUID(), ...body }),
        ctx(id),
      );
    // Not the pinned product: nothing to tell the stream.
    expect((await buyInShop(productId)).status).toBe(200);
    expect((await buyInShop(limited, { shippingAddress: ADDRESS })).status).toBe(200);
    stop();
    expect(heard.map((m) => [m.name, (m.data.pinned as { stock?: number } | null)?.stock])).toEqual([
      ['stream.pin', 2],
    ]);
  });

  it('not enough tokens → 402 and nothing moves; a subscriber-only stream refuses non-subscribers (403)', async () => {
    const creator = await makeUser('creator');
    const poor = await makeUser();
    const streamId = await goLive(creator);
    const productId = await presets(creator);
    await pinAs(creator, streamId, productId);
    const r = await buy(poor, streamId, { productId });
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('INSUFFICIENT_TOKENS');
    expect(await stockOf(productId)).toBeNull();

    const creator2 = await makeUser('creator');
    const fan = await makeUser();
    await fund(fan, PACK);
    const subOnly = await goLive(creator2, true);
    const p2 = await presets(creator2);
    await pinAs(creator2, subOnly, p2);
    expect((await readPin(fan, subOnly)).status).toBe(403);
    const denied = await buy(fan, subOnly, { productId: p2 });
    expect(denied.status).toBe(403);
    expect(await balanceOf(fan)).toBe(PACK.tokens);
  });
});

describe('loyalty months', () => {
  async function tierOf(creator: TestUser, price = 20) {
    return saveTier(asTest(creator), { level: 1, name: 'Fan club', price });
  }

  it('SQL: 0 for a non-subscriber, N after N paid periods, refunded periods not counted', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    const stranger = await makeUser();
    await fund(fan, PACK);
    const months = (u: TestUser) =>
      asUser(claimsOf(u), (db) =>
        db.query<{ n: number }>('select private.loyalty_months($1, $2) as n', [u.id, creator.id]),
      ).then((r) => r.rows[0]?.n);
    expect(await months(stranger)).toBe(0);

    const tier = await tierOf(creator);
    const sub = await subscribe(asTest(fan), tier.id);
    expect(await months(fan)).toBe(1);
    for (const n of [2, 3]) {
      await makeDue(sub.id, new Date(Date.now() - 60_000));
      await asService((db) => renewDue(db, new Date()));
      expect(await months(fan)).toBe(n);
    }
    // The creator's subscriber list uses the same definition.
    const list = await asUser(claimsOf(creator), (db) =>
      db.query<{ months: number }>('select months from public.my_subscribers()'),
    );
    expect(list.rows.map((x) => x.months)).toEqual([3]);

    // A refund marks the current period refunded and ends the subscription: no badge, 2 months on record.
    await asUser(claimsOf(creator), (db) =>
      db.query('select public.refund_subscription($1, $2)', [sub.id, 'test refund']),
    );
    expect(await months(fan)).toBe(0);
    const after = await asUser(claimsOf(creator), (db) =>
      db.query<{ months: number }>('select months from public.my_subscribers()'),
    );
    expect(after.rows.map((x) => x.months)).toEqual([2]);
    // anon cannot ask.
    const code = await asUser(null, (db) =>
      db.query('select private.loyalty_months($1, $2)', [fan.id, creator.id]),
    ).catch((e: { code?: string }) => e.code);
    expect(code).toBe('42501');
  });

  it('stream chat carries the sender’s months (initial load and live), 0 for non-subscribers', async () => {
    const creator = await makeUser('creator');
    const subscriber = await makeUser();
    const other = await makeUser();
    await fund(subscriber, PACK);
    await subscribe(asTest(subscriber), (await tierOf(creator)).id);
    const streamId = await goLive(creator);

    const heard: { name: string; data: Record<string, unknown> }[] = [];
    const stop = localBus().subscribe(`stream:${streamId}`, (m: { name: string; data: unknown }) =>
      heard.push(m as (typeof heard)[number]),
    );
    await signInAs(subscriber);
    const sent = await asJson(
      await chat.POST(jsonRequest(`/api/streams/${streamId}/chat`, { body: 'hi from a fan' }), ctx(streamId)),
    );
    await signInAs(other);
    await chat.POST(jsonRequest(`/api/streams/${streamId}/chat`, { body: 'hello' }), ctx(streamId));
    stop();
    expect(sent.status).toBe(200);
    const live = heard.filter((m) => m.name === 'stream.chat').map((m) => m.data.loyaltyMonths);
    expect(live).toEqual([1, 0]);

    await signInAs(creator);
    const list = await asJson(await chat.GET(get(`/api/streams/${streamId}/chat`), ctx(streamId)));
    expect(
      list.body.messages.map((m: { sender: { id: string }; loyaltyMonths: number }) => [
        m.sender.id,
        m.loyaltyMonths,
      ]),
    ).toEqual([
      [subscriber.id, 1],
      [other.id, 0],
    ]);
  });

  it('the creator’s inbox carries the fan’s months; the fan sees none next to the creator', async () => {
    const creator = await makeUser('creator');
    const fan = await makeUser();
    await fund(fan, PACK);
    await subscribe(asTest(fan), (await tierOf(creator)).id);
    await signInAs(fan);
    const opened = await asJson(
      await conversations.POST(jsonRequest('/api/conversations', { userId: creator.id })),
    );
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);

    await signInAs(creator);
    const inbox = await asJson(await conversations.GET(get('/api/conversations')));
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((c: { other: { id: string; loyaltyMonths: number } }) => c.other)).toEqual([
      expect.objectContaining({ id: fan.id, loyaltyMonths: 1 }),
    ]);
    await signInAs(fan);
    const fanInbox = await asJson(await conversations.GET(get('/api/conversations')));
    expect(fanInbox.body.items[0].other).toMatchObject({ id: creator.id, loyaltyMonths: 0 });
  });
});
