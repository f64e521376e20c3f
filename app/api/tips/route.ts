import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { tipCreator } from '@/lib/ledger/tip';
import { TipSchema } from '@/lib/payments/schemas';

/**
 * Tips a creator from the fan's wallet. The client sends one idempotency key per submission, so a double
 * click or a retry returns the first tip instead of tipping twice (same key + other amount → 409).
 */
export const POST = route(
  {
    auth: 'user',
    body: TipSchema,
    rateLimit: [{ name: 'tips', key: ({ ip }) => ip, max: 60, windowMs: 60_000 }],
  },
  async ({ viewer, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const message = body.message?.trim() || undefined;
    const r = await tipCreator(viewer.claims, {
      creatorId: body.creatorId,
      amount: body.amount,
      message,
      idempotencyKey: body.idempotencyKey,
    });
    return { transferId: r.transferId, balance: r.balance };
  },
);
