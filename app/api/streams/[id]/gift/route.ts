import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { sendStreamGift } from '@/lib/streams/pay';
import { parseStreamId, StreamGiftSchema } from '@/lib/streams/schemas';

/** A gift from the catalog (priced in SQL); one idempotency key per click. */
export const POST = route<{ giftId: string; idempotencyKey: string }, undefined, { id: string }>(
  {
    auth: 'user',
    body: StreamGiftSchema,
    rateLimit: [{ name: 'stream-gifts', key: ({ ip }) => ip, max: 120, windowMs: 60_000 }],
  },
  async ({ viewer, params, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return sendStreamGift(viewer.claims, parseStreamId(params), body);
  },
);
