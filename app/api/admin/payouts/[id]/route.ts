import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { decidePayout } from '@/lib/payouts/payouts';
import { DecisionSchema } from '@/lib/payouts/schemas';

/** Approve (then transfer, idempotency key = payout id) or reject with a reason. A second decision is 409. */
export const POST = route<z.infer<typeof DecisionSchema>, undefined, { id: string }>(
  { auth: ['admin'], body: DecisionSchema },
  async ({ viewer, params, body }) => {
    if (!viewer) return null;
    if (!z.uuid().safeParse(params.id).success) throw new AppError('NOT_FOUND', 'Payout not found');
    return { payout: await decidePayout(viewer.claims, params.id, body.approve, body.reason) };
  },
);
