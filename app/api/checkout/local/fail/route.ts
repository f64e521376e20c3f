import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { selfBaseUrl } from '@/lib/payments/app-origin';
import { failLocalSession } from '@/lib/payments/pay-local-session';
import { LocalPaySchema } from '@/lib/payments/schemas';

/** Local mode only (404 with real Stripe): simulates a failed payment for the owner's session. */
export const POST = route(
  { auth: 'user', body: LocalPaySchema },
  async ({ viewer, body, req, requestId }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return failLocalSession(body.sessionId, {
      userId: viewer.profile.id,
      email: viewer.claims.email ?? null,
      selfUrl: selfBaseUrl(req),
      requestId,
    });
  },
);
