import { callState } from '@/lib/calls/actions';
import { mediaTokenFor } from '@/lib/calls/media-token';
import { parseId } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/**
 * The RTC token for one of the two participants of an accepted or connected call (404 for anyone else,
 * 409 once it is over). Its join privilege ends with the funded minute (+5 s).
 */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const state = await callState(viewer.claims, parseId(params));
    return { token: mediaTokenFor(state, viewer.profile.id), state };
  },
);
