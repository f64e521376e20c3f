import { joinCall } from '@/lib/calls/actions';
import { parseId } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** A participant's client has joined the media channel; when both have, billing starts. */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { call: await joinCall(viewer.claims, parseId(params)) };
  },
);
