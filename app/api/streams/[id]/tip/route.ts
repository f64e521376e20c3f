import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { sendStreamTip } from '@/lib/streams/pay';
import { parseStreamId, StreamTipSchema } from '@/lib/streams/schemas';

/** A tip during the stream; one idempotency key per click (a double click charges once). */
export const POST = route<
  { amount: number; message?: string; idempotencyKey: string },
  undefined,
  { id: string }
>(
  {
    auth: 'user',
    body: StreamTipSchema,
    rateLimit: [{ name: 'stream-tips', key: ({ ip }) => ip, max: 120, windowMs: 60_000 }],
  },
  async ({ viewer, params, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return sendStreamTip(viewer.claims, parseStreamId(params), {
      amount: body.amount,
      message: body.message?.trim() || undefined,
      idempotencyKey: body.idempotencyKey,
    });
  },
);
