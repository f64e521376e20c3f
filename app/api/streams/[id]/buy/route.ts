import type { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { buyFromStream } from '@/lib/streams/pin';
import { parseStreamId, StreamBuySchema } from '@/lib/streams/schemas';

/**
 * Buys a product from the stream page without leaving it: the shop's purchase (public.purchase_product,
 * one idempotency key per click), then the pinned card's new stock goes to every viewer.
 */
export const POST = route<z.infer<typeof StreamBuySchema>, undefined, { id: string }>(
  {
    auth: 'user',
    body: StreamBuySchema,
    rateLimit: [{ name: 'purchase', key: ({ ip }) => ip, max: 30, windowMs: 60_000 }],
  },
  async ({ viewer, params, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return buyFromStream(viewer.claims, parseStreamId(params), body);
  },
);
