import { callStatement } from '@/lib/calls/history';
import { parseId } from '@/lib/calls/schemas';
import { BILLING_RULE } from '@/lib/calls/types';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/** The itemised statement of one call: every paid minute, totals, and the billing rule. */
export const GET = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { ...(await callStatement(viewer.claims, parseId(params))), billingRule: BILLING_RULE };
  },
);
