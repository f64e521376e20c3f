import { authProvider } from '@/lib/auth/provider';
import { route } from '@/lib/http/route';

export const POST = route({ auth: 'user' }, async ({ viewer }) => {
  if (viewer) await authProvider().signOutEverywhere(viewer.profile.id);
  return { ok: true };
});
