import { AppError, toAppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { getPayoutAccount, payoutMode, saveSimulatedBank, stripeOnboardingLink } from '@/lib/payouts/account';
import { BankDetailsSchema } from '@/lib/payouts/schemas';

/** GET: the creator's payout account. POST: Stripe Connect onboarding link, or (local) simulated bank details. */
export const GET = route({ auth: ['creator'] }, async ({ viewer }) => ({
  mode: payoutMode(),
  account: viewer ? await getPayoutAccount(viewer.claims) : null,
}));

export const POST = route({ auth: ['creator'], maxBytes: 4096 }, async ({ viewer, req }) => {
  if (!viewer) return null;
  if (payoutMode() === 'stripe') {
    const url = await stripeOnboardingLink(
      { id: viewer.profile.id, email: viewer.claims.email },
      await getPayoutAccount(viewer.claims),
      new URL(req.url).origin,
    );
    return { onboardingUrl: url };
  }
  let data: unknown;
  try {
    data = await req.json();
  } catch {
    throw new AppError('BAD_REQUEST', 'Request body is not valid JSON');
  }
  const parsed = BankDetailsSchema.safeParse(data);
  if (!parsed.success) throw toAppError(parsed.error);
  return { account: await saveSimulatedBank(viewer.profile.id, parsed.data.holder, parsed.data.iban) };
});
