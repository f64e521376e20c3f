import { bookCall, upcomingBookings } from '@/lib/calls/settings';
import { BookCallSchema } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Books one of a creator's open slots (409 when someone else got it first, 402 without a minute's tokens). */
export const POST = route(
  {
    auth: 'user',
    body: BookCallSchema,
    rateLimit: [{ name: 'bookings', key: ({ ip }) => ip, max: 20, windowMs: 60_000 }],
  },
  async ({ viewer, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { booking: await bookCall(viewer.claims, body) };
  },
);

export const GET = route({ auth: 'user' }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { items: await upcomingBookings(viewer.claims) };
});
