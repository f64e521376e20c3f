import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { BlockSchema } from '@/lib/messages/schemas';
import { setBlocked } from '@/lib/messages/settings';

export const dynamic = 'force-dynamic';

/** Blocks or unblocks a user: a blocked user cannot message the blocker. */
export const POST = route({ auth: 'user', body: BlockSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { blocked: await setBlocked(viewer.claims, body.userId, body.blocked) };
});
