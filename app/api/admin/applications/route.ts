import { z } from 'zod';
import { listApplications } from '@/lib/admin/creator-applications';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Query = z.object({ status: z.enum(['pending', 'approved', 'rejected', 'all']).default('pending') });

/** Admin only: creator applications (pending oldest first, then decisions). */
export const GET = route({ auth: ['admin'], query: Query }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { items: await listApplications(viewer.claims, query.status) };
});
