import 'server-only';
import { asUser, type Claims, type Db } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { type OrderStatus, purchaseProduct } from '@/lib/shop/orders';
import type { ShippingAddress } from '@/lib/shop/schemas';
import { readEvent } from './pay';
import { publishStream } from './publish';
import { requireViewable } from './read-stream';
import { type PinnedProduct, STREAM_EVENTS, type StreamEvent } from './types';

interface PinnedRow {
  product_id: string;
  kind: 'digital' | 'physical';
  name: string;
  description: string;
  image_url: string | null;
  price: number;
  stock: number | null;
  pinned_at: Date;
}

/** The pinned product as the caller sees it (public.stream_pinned_product: live stream, active product). */
export async function pinnedProductIn(db: Db, streamId: string): Promise<PinnedProduct | null> {
  const r = await db.query<PinnedRow>('select * from public.stream_pinned_product($1)', [streamId]);
  const p = r.rows[0];
  if (!p) return null;
  return {
    id: p.product_id,
    kind: p.kind,
    name: p.name,
    description: p.description,
    imageUrl: p.image_url,
    price: p.price,
    stock: p.stock,
    pinnedAt: p.pinned_at.toISOString(),
  };
}

export function pinnedProduct(claims: Claims, streamId: string): Promise<PinnedProduct | null> {
  return asUser(claims, (db) => pinnedProductIn(db, streamId));
}

export interface PinResult {
  pinned: PinnedProduct | null;
  /** The pin/unpin event, or null when nothing changed (pinning the product already pinned). */
  event: StreamEvent | null;
}

/**
 * The creator pins one of their products (productId) or unpins (null) on their live stream
 * (public.set_stream_pin: creator only, live only, own active in-stock product). The event takes the next
 * seq, so it shows in order with tips and gifts; viewers get both the event and the new pin.
 */
export async function setStreamPin(
  claims: Claims,
  streamId: string,
  productId: string | null,
): Promise<PinResult> {
  const r = await asUser(claims, async (db) => {
    const q = await db.query<{ seq: string | null; changed: boolean }>(
      'select seq, changed from public.set_stream_pin($1, $2)',
      [streamId, productId],
    );
    const row = q.rows[0];
    if (!row) throw new AppError('INTERNAL', 'set_stream_pin returned no row');
    return {
      event: row.changed && row.seq ? await readEvent(db, streamId, row.seq) : null,
      pinned: await pinnedProductIn(db, streamId),
    };
  });
  if (r.event) {
    await publishStream(streamId, STREAM_EVENTS.event, r.event);
    await publishStream(streamId, STREAM_EVENTS.pin, { pinned: r.pinned });
  }
  return r;
}

export interface StreamPurchase {
  order: { id: string; status: OrderStatus; kind: 'digital' | 'physical' };
  pinned: PinnedProduct | null;
  /** The buyer's wallet after the purchase (the stream page shows it next to gifts and tips). */
  balance: number;
}

/**
 * A viewer buys a product from the stream page. The money, stock and order go through the shop's one
 * purchase path (public.purchase_product, idempotent per key); afterwards every viewer gets the pinned
 * card's new stock (so "Sold out" appears everywhere at once).
 */
export async function buyFromStream(
  claims: Claims,
  streamId: string,
  i: { productId: string; shippingAddress: ShippingAddress | null; idempotencyKey: string },
): Promise<StreamPurchase> {
  await requireViewable(claims, streamId);
  const order = await purchaseProduct(claims, i.productId, i.shippingAddress, i.idempotencyKey);
  if (!order) throw new AppError('INTERNAL', 'purchase_product returned no row');
  const { kind, pinned, balance } = await asUser(claims, async (db) => {
    const o = await db.query<{ kind: 'digital' | 'physical' }>(
      'select kind from public.orders where id = $1',
      [order.id],
    );
    const w = await db.query<{ balance: string }>('select balance from public.my_wallet()');
    return {
      kind: o.rows[0]?.kind ?? 'digital',
      pinned: await pinnedProductIn(db, streamId),
      balance: Number(w.rows[0]?.balance ?? 0),
    };
  });
  if (pinned?.id === i.productId) await publishStream(streamId, STREAM_EVENTS.pin, { pinned });
  return { order: { id: order.id, status: order.status, kind }, pinned, balance };
}

/**
 * Sends viewers the pinned card as it now is, when `productId` is what its creator's live stream shows (or
 * when `evenIfNotShown`, e.g. a pinned product just turned off no longer reads as pinned). Read as the
 * caller, so a stream they may not watch is left alone (its viewers catch up on their next pin read).
 */
async function republishPin(claims: Claims, productId: string, evenIfNotShown: boolean): Promise<void> {
  const r = await asUser(claims, async (db) => {
    const live = await db.query<{ id: string }>(
      `select s.id from public.live_streams s join public.products p on p.creator_id = s.creator_id
        where p.id = $1 and s.status = 'live' limit 1`,
      [productId],
    );
    const streamId = live.rows[0]?.id;
    return streamId ? { streamId, pinned: await pinnedProductIn(db, streamId) } : null;
  });
  if (r && (r.pinned?.id === productId || evenIfNotShown)) {
    await publishStream(r.streamId, STREAM_EVENTS.pin, { pinned: r.pinned });
  }
}

/**
 * After the creator edits a product (price, stock, turned off), viewers of their live stream get the pinned
 * card as it now is: a turned-off product disappears, a restock or price change shows at once.
 */
export function refreshPinAfterProductChange(
  claims: Claims,
  product: { id: string; active: boolean },
): Promise<void> {
  return republishPin(claims, product.id, !product.active);
}

/** After a purchase made anywhere (the creator's profile shop too): viewers get the pinned card's new stock. */
export function refreshPinAfterPurchase(claims: Claims, productId: string): Promise<void> {
  return republishPin(claims, productId, false);
}
