import { z } from 'zod';
import { setUserBanned } from '@/lib/admin/moderate-user';
import { SetBannedSchema } from '@/lib/auth/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

const Params = z.object({ id: z.uuid({ error: 'Not a user id' }) });

export const POST = route<z.infer<typeof SetBannedSchema>, undefined, { id: string }>(
  { auth: ['admin'], body: SetBannedSchema },
  async ({ viewer, body, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const { id } = Params.parse(params);
    return { profile: await setUserBanned(viewer.claims, id, body.banned, body.reason) };
  },
);
