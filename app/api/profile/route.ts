import { ProfileUpdateSchema } from '@/lib/auth/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { updateOwnProfile } from '@/lib/profiles/update-profile';

export const GET = route({ auth: 'user' }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { profile: viewer.profile };
});

export const PATCH = route({ auth: 'user', body: ProfileUpdateSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { profile: await updateOwnProfile(viewer.claims, body) };
});
