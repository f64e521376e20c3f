import { authProvider } from '@/lib/auth/provider';
import { route } from '@/lib/http/route';

export const POST = route({ auth: 'optional' }, async () => {
  await authProvider().signOut();
  return { ok: true };
});
