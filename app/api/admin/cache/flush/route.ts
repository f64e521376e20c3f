import { flushCaches, flushTargets } from '@/lib/admin/panic';
import { FlushCacheSchema } from '@/lib/admin/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Admin only: what a flush clears (GET) and the flush itself (POST, audit-logged). */
export const GET = route({ auth: ['admin'] }, async () => ({ targets: flushTargets() }));

export const POST = route({ auth: ['admin'], body: FlushCacheSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { flushed: await flushCaches(viewer.claims, body.reason) };
});
