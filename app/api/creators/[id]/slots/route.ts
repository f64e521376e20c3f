import { z } from 'zod';
import { parseId } from '@/lib/calls/schemas';
import { listSlots } from '@/lib/calls/settings';
import { route } from '@/lib/http/route';

const Query = z.object({ days: z.coerce.number().int().min(1).max(60).default(14) });

/** A creator's bookable slots (UTC instants) for the next days; public. */
export const GET = route<undefined, z.infer<typeof Query>, { id: string }>(
  { auth: 'optional', query: Query },
  async ({ params, query }) => ({ items: await listSlots(parseId(params, 'Creator'), query.days) }),
);
