import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { markNotificationsRead } from '@/lib/notifications/inbox';
import { MarkReadSchema } from '@/lib/notifications/schemas';

export const dynamic = 'force-dynamic';

/** Marks the listed notifications (or all, without ids) read. */
export const POST = route({ auth: 'user', body: MarkReadSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { marked: await markNotificationsRead(viewer.claims, body.ids) };
});
