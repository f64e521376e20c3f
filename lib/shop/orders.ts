import 'server-only';
import { type Page, toPage } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import type { ShippingAddress } from './schemas';

export type OrderStatus = 'pending' | 'shipped' | 'completed';

export interface Order {
  id: string;
  productId: string;
  productName: string;
  kind: 'digital' | 'physical';
  amount: number;
  fee: number;
  status: OrderStatus;
  shippingAddress: ShippingAddress | null;
  tracking: string | null;
  buyer: { id: string; username: string; displayName: string };
  creator: { id: string; username: string; displayName: string };
  createdAt: string;
  shippedAt: string | null;
  completedAt: string | null;
}

interface Row {
  id: string;
  product_id: string;
  product_name: string;
  kind: 'digital' | 'physical';
  amount: number;
  fee: number;
  status: OrderStatus;
  shipping_address: ShippingAddress | null;
  tracking: string | null;
  buyer_id: string;
  buyer_username: string;
  buyer_name: string;
  creator_id: string;
  creator_username: string;
  creator_name: string;
  created_at: Date;
  shipped_at: Date | null;
  completed_at: Date | null;
  total_count: string;
}

const toOrder = (r: Row): Order => ({
  id: r.id,
  productId: r.product_id,
  productName: r.product_name,
  kind: r.kind,
  amount: r.amount,
  fee: r.fee,
  status: r.status,
  shippingAddress: r.shipping_address,
  tracking: r.tracking,
  buyer: { id: r.buyer_id, username: r.buyer_username, displayName: r.buyer_name },
  creator: { id: r.creator_id, username: r.creator_username, displayName: r.creator_name },
  createdAt: r.created_at.toISOString(),
  shippedAt: r.shipped_at?.toISOString() ?? null,
  completedAt: r.completed_at?.toISOString() ?? null,
});

/** Orders where the caller is the buyer ('bought') or the seller ('sold'), newest first; RLS decides. */
export async function listOrders(
  claims: Claims,
  side: 'bought' | 'sold',
  page = 1,
  pageSize = 20,
): Promise<Page<Order>> {
  const r = await asUser(claims, (db) =>
    db.query<Row>(
      `select o.id, o.product_id, o.product_name, o.kind, o.amount, o.fee, o.status, o.shipping_address, o.tracking,
              o.buyer_id, b.username as buyer_username, b.display_name as buyer_name,
              o.creator_id, c.username as creator_username, c.display_name as creator_name,
              o.created_at, o.shipped_at, o.completed_at, count(*) over () as total_count
         from public.orders o
         join public.profiles b on b.id = o.buyer_id
         join public.profiles c on c.id = o.creator_id
        where case when $1 = 'bought' then o.buyer_id else o.creator_id end = auth.uid()
        order by o.created_at desc, o.id
        limit $2 offset $3`,
      [side, pageSize, (page - 1) * pageSize],
    ),
  );
  return toPage(r.rows, page, pageSize, toOrder);
}

/** Buys one unit (public.purchase_product: stock, ledger transfer and order in one SQL function). */
export async function purchaseProduct(
  claims: Claims,
  productId: string,
  shipping: ShippingAddress | null,
  idempotencyKey: string,
): Promise<{ id: string; status: OrderStatus }> {
  const r = await asUser(claims, (db) =>
    db.query<{ id: string; status: OrderStatus }>(
      'select id, status from public.purchase_product($1, $2, $3)',
      [productId, shipping, idempotencyKey],
    ),
  );
  return r.rows[0] as { id: string; status: OrderStatus };
}

export async function setOrderStatus(
  claims: Claims,
  orderId: string,
  status: 'shipped' | 'completed',
  tracking?: string,
): Promise<{ id: string; status: OrderStatus }> {
  const r = await asUser(claims, (db) =>
    db.query<{ id: string; status: OrderStatus }>(
      'select id, status from public.set_order_status($1, $2, $3)',
      [orderId, status, tracking ?? null],
    ),
  );
  return r.rows[0] as { id: string; status: OrderStatus };
}
