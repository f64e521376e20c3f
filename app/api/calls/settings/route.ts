import { getCallSettings, saveCallSettings } from '@/lib/calls/settings';
import { CallSettingsSchema } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** The creator's call settings (rates, "available now", time zone, slot length, request timeout). */
export const GET = route({ auth: ['creator', 'admin'] }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return (await getCallSettings(viewer.profile.id)) ?? { settings: null, windows: [] };
});

export const PUT = route({ auth: ['creator'], body: CallSettingsSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { settings: await saveCallSettings(viewer.claims, body) };
});
