import { z } from 'zod';
import { listModerationItems } from '@/lib/admin/moderation';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Query = z.object({ status: z.enum(['pending', 'decided', 'all']).default('pending') });

/** Admin only: the moderation queue — Discord /audit flags and user reports. */
export const GET = route({ auth: ['admin'], query: Query }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { items: await listModerationItems(viewer.claims, query.status) };
});
