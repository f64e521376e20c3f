import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { listEvents } from '@/lib/streams/pay';
import { requireViewable } from '@/lib/streams/read-stream';
import { parseStreamId } from '@/lib/streams/schemas';

export const dynamic = 'force-dynamic';

const Query = z.object({ after: z.coerce.number().int().min(0).default(0) });

/** Tips and gifts in seq order after `after` (the live page catches up with this after a reconnect). */
export const GET = route<undefined, { after: number }, { id: string }>(
  { auth: 'user', query: Query },
  async ({ viewer, params, query }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const id = parseStreamId(params);
    await requireViewable(viewer.claims, id);
    return { events: await listEvents(viewer.claims, id, query.after) };
  },
);
