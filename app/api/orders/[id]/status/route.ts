import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { setOrderStatus } from '@/lib/shop/orders';
import { OrderStatusSchema } from '@/lib/shop/schemas';

/** Physical orders: the creator marks shipped; creator or buyer marks completed. Other moves → 409. */
export const POST = route<z.infer<typeof OrderStatusSchema>, undefined, { id: string }>(
  { auth: 'user', body: OrderStatusSchema },
  async ({ viewer, params, body }) => {
    if (!viewer) return null;
    if (!z.uuid().safeParse(params.id).success) throw new AppError('NOT_FOUND', 'Order not found');
    return { order: await setOrderStatus(viewer.claims, params.id, body.status, body.tracking) };
  },
);
