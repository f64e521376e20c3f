import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { MessagePriceSchema } from '@/lib/messages/schemas';
import { getMessagePrice, setMessagePrice } from '@/lib/messages/settings';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: ['creator'] }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { price: await getMessagePrice(viewer.claims, viewer.profile.id) };
});

/** A creator sets the price of one message from a fan (0 = free). */
export const PUT = route({ auth: ['creator'], body: MessagePriceSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { price: await setMessagePrice(viewer.claims, body.price) };
});
