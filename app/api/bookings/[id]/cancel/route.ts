import { parseId } from '@/lib/calls/schemas';
import { cancelBooking } from '@/lib/calls/settings';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** The fan or the creator cancels a booking. */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { booking: await cancelBooking(viewer.claims, parseId(params, 'Booking')) };
  },
);
