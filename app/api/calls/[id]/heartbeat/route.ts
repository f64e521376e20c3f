import { heartbeat } from '@/lib/calls/actions';
import { parseId } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Every 20 s from the call page: "still here"; also settles any minute boundary that is due. */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return heartbeat(viewer.claims, parseId(params));
  },
);
