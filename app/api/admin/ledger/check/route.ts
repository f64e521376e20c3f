import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { checkInvariants } from '@/lib/ledger/admin';

/** Admin only: the ledger invariant check (each transfer sums to 0, balances match entries, …) as JSON. */
export const GET = route({ auth: ['admin'] }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return checkInvariants(viewer.claims);
});
