import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { listNotifications } from '@/lib/notifications/inbox';
import { NotificationsQuery } from '@/lib/notifications/schemas';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'user', query: NotificationsQuery }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return listNotifications(viewer.claims, query);
});
