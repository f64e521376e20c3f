import { callState } from '@/lib/calls/actions';
import { parseId } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** The call screen's state: the call, database time, funded boundary and the fan's remaining minutes. */
export const GET = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return callState(viewer.claims, parseId(params));
  },
);
