import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';
import { claimsOf, fund, jsonRequest, makeUser, signInAs, type TestUser } from '../payments/helpers';

vi.mock('next/headers', () => nextHeadersMock());

/** The shop over real routes and SQL: atomic purchase, last-item race, orders, state machine, downloads. */

const products = await import('@/app/api/shop/products/route');
const productById = await import('@/app/api/shop/products/[id]/route');
const purchase = await import('@/app/api/shop/products/[id]/purchase/route');
const orders = await import('@/app/api/orders/route');
const status = await import('@/app/api/orders/[id]/status/route');
const link = await import('@/app/api/orders/[id]/download-link/route');
const download = await import('@/app/api/shop/download/[id]/route');
const { asService, asUser } = await import('@/lib/db/tx');
const { purchaseProduct } = await import('@/lib/shop/orders');
const { createDownloadLink, resolveDownload } = await import('@/lib/shop/download-link');
const { ledgerProblems } = await import('../subscriptions/helpers');
const { balanceOf, earningsOf } = await import('../calls/helpers');

const PKG = { id: 'popular', tokens: 550, price_cents: 4999 };
const ADDRESS = {
  name: 'Alex Park',
  line1: '1 Rue de Rivoli',
  city: 'Paris',
  postalCode: '75001',
  country: 'fr',
};

beforeEach(() => jar.values.clear());

// biome-ignore lint/suspicious/noExplicitAny: response bodies read field by field below
type Json = { status: number; body: Record<string, any> };
const asJson = async (res: Response): Promise<Json> => ({ status: res.status, body: await res.json() });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const asTest = (u: TestUser) => ({ id: u.id, username: u.username, claims: claimsOf(u) });

async function product(creator: TestUser, p: Record<string, unknown>): Promise<string> {
  await signInAs(creator);
  const r = await asJson(await products.POST(jsonRequest('/api/shop/products', p)));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.product.id;
}

const buy = async (id: string, body: Record<string, unknown> = {}) =>
  asJson(
    await purchase.POST(
      jsonRequest(`/api/shop/products/${id}/purchase`, { idempotencyKey: randomUUID(), ...body }),
      ctx(id),
    ),
  );

describe('products', () => {
  it('creators only; a digital product needs a file, which no API role can read back', async () => {
    const fan = await makeUser();
    await signInAs(fan);
    expect(
      (await products.POST(jsonRequest('/api/shop/products', { kind: 'physical', name: 'x', price: 1 })))
        .status,
    ).toBe(403);
    const creator = await makeUser('creator');
    await signInAs(creator);
    const bad = await asJson(
      await products.POST(jsonRequest('/api/shop/products', { kind: 'digital', name: '', price: 0 })),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['downloadUrl', 'name', 'price']);
    const id = await product(creator, {
      kind: 'digital',
      name: 'Preset pack',
      price: 30,
      downloadUrl: 'https://files.example.test/p.zip',
    });
    expect(
      await asUser(claimsOf(creator), (db) =>
        db.query('select download_url from public.products where id = $1', [id]),
      ).catch((e) => e.code),
    ).toBe('42501');
    const other = await makeUser('creator');
    await signInAs(other);
    const patch = await productById.PATCH(
      jsonRequest(`/api/shop/products/${id}`, { price: 1 }, { method: 'PATCH' }),
      ctx(id),
    );
    expect(patch.status).toBe(404);
  });
});

describe('purchase', () => {
  it('moves tokens (creator share + fee), decrements stock, writes the order; retries return the same order', async () => {
    const creator = await makeUser('creator');
    const id = await product(creator, { kind: 'physical', name: 'Signed vinyl', price: 100, stock: 3 });
    const fan = await makeUser();
    await fund(fan, PKG);
    await signInAs(fan);
    const noAddress = await buy(id);
    expect(noAddress.status).toBe(422);
    const key = randomUUID();
    const first = await buy(id, { idempotencyKey: key, shippingAddress: ADDRESS });
    expect(first.status).toBe(200);
    expect(first.body.order.status).toBe('pending');
    const again = await buy(id, { idempotencyKey: key, shippingAddress: ADDRESS });
    expect(again.body.order.id).toBe(first.body.order.id);
    expect(await balanceOf(asTest(fan))).toBe(450);
    expect(await earningsOf(asTest(creator))).toBe(80);
    const stock = await asService((db) =>
      db.query<{ stock: number }>('select stock from public.products where id = $1', [id]),
    );
    expect(stock.rows[0]?.stock).toBe(2);
    const mine = await asJson(await orders.GET(new Request('http://localhost/api/orders?side=bought')));
    expect(mine.body.items[0]).toMatchObject({
      productName: 'Signed vinyl',
      shippingAddress: { country: 'FR' },
    });
    expect(await ledgerProblems()).toEqual([]);
  });

  it('two buyers race for the last item: exactly one succeeds, the other is refused and keeps their tokens', async () => {
    const creator = await makeUser('creator');
    const id = await product(creator, {
      kind: 'digital',
      name: 'Last copy',
      price: 50,
      stock: 1,
      downloadUrl: 'https://files.example.test/x.pdf',
    });
    const fans = [await makeUser(), await makeUser(), await makeUser()];
    for (const f of fans) await fund(f, PKG);
    const results = await Promise.all(
      fans.map((f) =>
        purchaseProduct(claimsOf(f), id, null, randomUUID()).then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'CO409')).toHaveLength(2);
    const balances = await Promise.all(fans.map((f) => balanceOf(asTest(f))));
    expect(balances.sort()).toEqual([500, 550, 550]);
    const n = await asService((db) => db.query('select 1 from public.orders where product_id = $1', [id]));
    expect(n.rowCount).toBe(1);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('not enough tokens → 402, own product → 422, inactive → 404; nothing changes', async () => {
    const creator = await makeUser('creator');
    const id = await product(creator, { kind: 'physical', name: 'Hoodie', price: 600, stock: 5 });
    expect((await buy(id, { shippingAddress: ADDRESS })).status).toBe(422);
    const fan = await makeUser();
    await fund(fan, PKG);
    await signInAs(fan);
    expect((await buy(id, { shippingAddress: ADDRESS })).status).toBe(402);
    await asService((db) => db.query('update public.products set active = false where id = $1', [id]));
    expect((await buy(id, { shippingAddress: ADDRESS })).status).toBe(404);
    const s = await asService((db) =>
      db.query<{ stock: number }>('select stock from public.products where id = $1', [id]),
    );
    expect(s.rows[0]?.stock).toBe(5);
    expect(await balanceOf(asTest(fan))).toBe(550);
  });
});

describe('physical order state machine', () => {
  it.each([
    // [who, from, to, expected status]
    ['buyer', 'pending', 'shipped', 403],
    ['creator', 'pending', 'completed', 409],
    ['creator', 'pending', 'shipped', 200],
    ['creator', 'shipped', 'shipped', 409],
    ['buyer', 'shipped', 'completed', 200],
    ['creator', 'shipped', 'completed', 200],
    ['creator', 'completed', 'shipped', 409],
    ['stranger', 'pending', 'shipped', 404],
  ] as const)('%s: %s → %s gives %i', async (who, from, to, expected) => {
    const creator = await makeUser('creator');
    const id = await product(creator, { kind: 'physical', name: 'Poster', price: 10 });
    const fan = await makeUser();
    await fund(fan, PKG);
    await signInAs(fan);
    const orderId = (await buy(id, { shippingAddress: ADDRESS })).body.order.id as string;
    const move = async (u: TestUser, s: string) => {
      await signInAs(u);
      return status.POST(
        jsonRequest(`/api/orders/${orderId}/status`, { status: s, tracking: 'TRACK123' }),
        ctx(orderId),
      );
    };
    if (from !== 'pending') expect((await move(creator, 'shipped')).status).toBe(200);
    if (from === 'completed') expect((await move(fan, 'completed')).status).toBe(200);
    const actor = who === 'buyer' ? fan : who === 'creator' ? creator : await makeUser();
    const r = await move(actor, to);
    expect(r.status).toBe(expected);
    const row = await asService((db) =>
      db.query<{ status: string }>('select status from public.orders where id = $1', [orderId]),
    );
    expect(row.rows[0]?.status).toBe(expected === 200 ? to : from);
  });

  it('digital orders are completed at once and have no shipping transitions', async () => {
    const creator = await makeUser('creator');
    const id = await product(creator, {
      kind: 'digital',
      name: 'Ebook',
      price: 10,
      downloadUrl: 'https://files.example.test/e.pdf',
    });
    const fan = await makeUser();
    await fund(fan, PKG);
    await signInAs(fan);
    const o = await buy(id);
    expect(o.body.order.status).toBe('completed');
    await signInAs(creator);
    const r = await status.POST(
      jsonRequest(`/api/orders/${o.body.order.id}/status`, { status: 'shipped' }),
      ctx(o.body.order.id),
    );
    expect(r.status).toBe(409);
  });
});

describe('digital downloads', () => {
  it('the buyer gets a signed link that redirects to the file; non-buyers, tampering and expiry are refused', async () => {
    const creator = await makeUser('creator');
    const id = await product(creator, {
      kind: 'digital',
      name: 'Stems',
      price: 20,
      downloadUrl: 'https://files.example.test/stems.zip',
    });
    const fan = await makeUser();
    await fund(fan, PKG);
    await signInAs(fan);
    const orderId = (await buy(id)).body.order.id as string;
    const l = await asJson(
      await link.POST(jsonRequest(`/api/orders/${orderId}/download-link`, {}), ctx(orderId)),
    );
    expect(l.status).toBe(200);
    const res = await download.GET(new Request(`http://localhost${l.body.url}`), ctx(orderId));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://files.example.test/stems.zip');

    // Not the buyer: the creator, another fan, anonymous.
    for (const u of [creator, await makeUser()]) {
      await signInAs(u);
      expect(
        (await link.POST(jsonRequest(`/api/orders/${orderId}/download-link`, {}), ctx(orderId))).status,
      ).toBe(403);
    }
    jar.values.clear();
    expect(
      (await link.POST(jsonRequest(`/api/orders/${orderId}/download-link`, {}), ctx(orderId))).status,
    ).toBe(401);

    // A link for someone else's order, or with another buyer id, does not verify.
    const u = new URL(`http://localhost${l.body.url}`);
    u.searchParams.set('buyer', creator.id);
    expect((await download.GET(new Request(u), ctx(orderId))).status).toBe(403);
    const tampered = new URL(`http://localhost${l.body.url}`);
    tampered.searchParams.set('expires', String(Number(tampered.searchParams.get('expires')) + 3600));
    expect((await download.GET(new Request(tampered), ctx(orderId))).status).toBe(403);

    // Expiry, with the clock passed explicitly (never wall-clock asserted).
    const t0 = Date.UTC(2031, 0, 1);
    const old = await createDownloadLink(claimsOf(fan), orderId, t0);
    const q = new URL(`http://localhost${old.url}`).searchParams;
    const parts = {
      buyer: q.get('buyer') as string,
      expires: Number(q.get('expires')),
      sig: q.get('sig') as string,
    };
    expect(await resolveDownload(orderId, parts, t0 + 60_000)).toBe('https://files.example.test/stems.zip');
    await expect(resolveDownload(orderId, parts, t0 + 16 * 60_000)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
