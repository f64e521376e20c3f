import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { getPackage } from '@/lib/ledger/packages';
import { publicBaseUrl } from '@/lib/payments/app-origin';
import { createCheckout } from '@/lib/payments/create-checkout';
import { CheckoutSchema } from '@/lib/payments/schemas';

/** Starts a token purchase: a Stripe Checkout Session (or the local checkout) for one package → { url }. */
export const POST = route(
  {
    auth: 'user',
    body: CheckoutSchema,
    rateLimit: [{ name: 'checkout', key: ({ ip }) => ip, max: 20, windowMs: 60_000 }],
  },
  async ({ viewer, body, req }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const pkg = await getPackage(body.packageId);
    if (!pkg?.active)
      throw new AppError('NOT_FOUND', `There is no token package "${body.packageId}" on sale`);
    const { url, sessionId } = await createCheckout({
      userId: viewer.profile.id,
      email: viewer.claims.email,
      package: pkg,
      baseUrl: publicBaseUrl(req),
    });
    return { url, sessionId };
  },
);
