import { renewCall } from '@/lib/calls/actions';
import { mediaTokenFor } from '@/lib/calls/media-token';
import { parseId } from '@/lib/calls/schemas';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/**
 * Called before the RTC token expires: settles what is due, funds the next minute and returns a fresh
 * token — or 402 INSUFFICIENT_TOKENS when the fan's wallet cannot pay it (the call then ends at the end of
 * the paid minute), 409 when the call is over.
 */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const { funded, state } = await renewCall(viewer.claims, parseId(params));
    if (state.call.status !== 'connected' && state.call.status !== 'accepted') {
      throw new AppError('CONFLICT', `This call is ${state.call.status}`);
    }
    if (!funded) {
      throw new AppError('INSUFFICIENT_TOKENS', 'The fan’s tokens cannot pay the next minute', {
        fundedUntil: state.fundedUntil,
      });
    }
    return { token: mediaTokenFor(state, viewer.profile.id), state };
  },
);
