import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { getPreferences, savePreferences } from '@/lib/notifications/inbox';
import { PreferencesSchema } from '@/lib/notifications/schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'user' }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { preferences: await getPreferences(viewer.claims) };
});

export const PUT = route({ auth: 'user', body: PreferencesSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { preferences: await savePreferences(viewer.claims, body.preferences) };
});
