import { saveAvailability } from '@/lib/calls/settings';
import { AvailabilitySchema } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Replaces the creator's weekly availability windows (in their call time zone). */
export const PUT = route({ auth: ['creator'], body: AvailabilitySchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { windows: await saveAvailability(viewer.claims, body.windows) };
});
