import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { cancelSubscription } from '@/lib/subscriptions/subscribe';

/** The fan cancels: access continues to the end of the paid period. */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) return null;
    if (!z.uuid().safeParse(params.id).success) throw new AppError('NOT_FOUND', 'Subscription not found');
    return { subscription: await cancelSubscription(viewer.claims, params.id) };
  },
);
