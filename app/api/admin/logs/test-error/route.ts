import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/**
 * Admin only: throws an unexpected error on purpose, so an admin can see the whole error path work end to
 * end — the 500 with its request id, the app_logs row, Sentry when configured — from the log stream page.
 */
export const POST = route({ auth: ['admin'] }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  throw new Error(`Test error requested by @${viewer.profile.username} from the admin log stream`);
});
