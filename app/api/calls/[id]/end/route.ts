import { endCall } from '@/lib/calls/actions';
import { parseId } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** Either participant ends the call (or withdraws / declines a request). Idempotent. */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { call: await endCall(viewer.claims, parseId(params)) };
  },
);
