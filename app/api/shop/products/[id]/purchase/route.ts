import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { purchaseProduct } from '@/lib/shop/orders';
import { PurchaseSchema } from '@/lib/shop/schemas';
import { refreshPinAfterPurchase } from '@/lib/streams/pin';

/** Buys one unit: tokens, stock and order in one SQL function. A retry with the same key returns the order. */
export const POST = route<z.infer<typeof PurchaseSchema>, undefined, { id: string }>(
  {
    auth: 'user',
    body: PurchaseSchema,
    rateLimit: [{ name: 'purchase', key: ({ ip }) => ip, max: 30, windowMs: 60_000 }],
  },
  async ({ viewer, params, body }) => {
    if (!viewer) return null;
    if (!z.uuid().safeParse(params.id).success)
      throw new AppError('NOT_FOUND', 'This product is not available');
    const order = await purchaseProduct(viewer.claims, params.id, body.shippingAddress, body.idempotencyKey);
    // Bought from the profile while pinned on a live stream: the stream's card shows the new stock.
    await refreshPinAfterPurchase(viewer.claims, params.id);
    return { order };
  },
);
