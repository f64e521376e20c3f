import { z } from 'zod';
import { setUserRole } from '@/lib/admin/moderate-user';
import { SetRoleSchema } from '@/lib/auth/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Params = z.object({ id: z.uuid({ error: 'Not a user id' }) });

export const POST = route<z.infer<typeof SetRoleSchema>, undefined, { id: string }>(
  { auth: ['admin'], body: SetRoleSchema },
  async ({ viewer, body, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const { id } = Params.parse(params);
    return { profile: await setUserRole(viewer.claims, id, body.role, body.reason) };
  },
);
