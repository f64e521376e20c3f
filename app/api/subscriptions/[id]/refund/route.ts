import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { RefundSchema } from '@/lib/subscriptions/schemas';
import { refundSubscription } from '@/lib/subscriptions/subscribe';

/** The creator refunds a subscriber's current month; the subscription ends now and the Discord role goes. */
export const POST = route<z.infer<typeof RefundSchema>, undefined, { id: string }>(
  { auth: ['creator'], body: RefundSchema },
  async ({ viewer, params, body }) => {
    if (!viewer) return null;
    if (!z.uuid().safeParse(params.id).success) throw new AppError('NOT_FOUND', 'Subscription not found');
    return { subscription: await refundSubscription(viewer.claims, params.id, body.reason) };
  },
);
