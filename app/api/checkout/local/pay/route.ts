import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { selfBaseUrl } from '@/lib/payments/app-origin';
import { payLocalSession } from '@/lib/payments/pay-local-session';
import { LocalPaySchema } from '@/lib/payments/schemas';

/** Local mode only (404 with real Stripe): the owner pays a local checkout session. */
export const POST = route(
  { auth: 'user', body: LocalPaySchema },
  async ({ viewer, body, req, requestId }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const r = await payLocalSession(body.sessionId, {
      userId: viewer.profile.id,
      email: viewer.claims.email ?? null,
      selfUrl: selfBaseUrl(req),
      requestId,
    });
    return { ...r, redirectTo: `/wallet?purchased=${encodeURIComponent(r.packageId)}` };
  },
);
