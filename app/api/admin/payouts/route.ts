import { z } from 'zod';
import { route } from '@/lib/http/route';
import { listPayouts } from '@/lib/payouts/payouts';

const Query = z.object({
  status: z.enum(['requested', 'processing', 'paid', 'rejected', 'failed']).optional(),
  page: z.coerce.number().int().min(1).default(1),
});

/** Every payout, open ones first (admins). */
export const GET = route({ auth: ['admin'], query: Query }, async ({ viewer, query }) =>
  viewer ? listPayouts(viewer.claims, { all: true, status: query.status, page: query.page }) : null,
);
