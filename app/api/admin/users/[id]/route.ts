import { z } from 'zod';
import { userDetail } from '@/lib/admin/find-users';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Params = z.object({ id: z.uuid({ error: 'Not a user id' }) });

/** Admin only: one user's profile, email, balances, Discord link and the admin actions about them. */
export const GET = route<undefined, undefined, { id: string }>(
  { auth: ['admin'] },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const { id } = Params.parse(params);
    const detail = await userDetail(viewer.claims, id);
    if (!detail) throw new AppError('NOT_FOUND', 'No such user');
    return detail;
  },
);
