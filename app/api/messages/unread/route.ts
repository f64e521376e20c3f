import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { unreadCount } from '@/lib/messages/read-state';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'user' }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { count: await unreadCount(viewer.claims) };
});
