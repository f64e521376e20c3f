import { z } from 'zod';
import { route } from '@/lib/http/route';
import { listOrders } from '@/lib/shop/orders';

const Query = z.object({
  side: z.enum(['bought', 'sold']).default('bought'),
  page: z.coerce.number().int().min(1).default(1),
});

/** The caller's orders: bought (buyer) or sold (creator). */
export const GET = route({ auth: 'user', query: Query }, async ({ viewer, query }) =>
  viewer ? listOrders(viewer.claims, query.side, query.page) : null,
);
