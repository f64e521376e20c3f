import { readLogStream } from '@/lib/admin/log-stream';
import { LogQuerySchema } from '@/lib/admin/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Admin only: log lines newer than `after` (newest first), filtered by level, source and search. */
export const GET = route({ auth: ['admin'], query: LogQuerySchema }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return readLogStream(viewer.claims, query);
});
