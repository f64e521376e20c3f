import { route } from '@/lib/http/route';
import { listPayouts, requestPayout } from '@/lib/payouts/payouts';
import { PayoutRequestSchema } from '@/lib/payouts/schemas';

/** GET: the creator's payouts. POST: request a payout of available earned tokens. */
export const GET = route({ auth: ['creator'] }, async ({ viewer }) =>
  viewer ? listPayouts(viewer.claims) : null,
);

export const POST = route(
  {
    auth: ['creator'],
    body: PayoutRequestSchema,
    rateLimit: [{ name: 'payout-request', key: ({ ip }) => ip, max: 10, windowMs: 60_000 }],
  },
  async ({ viewer, body }) => (viewer ? { payout: await requestPayout(viewer.claims, body.amount) } : null),
);
