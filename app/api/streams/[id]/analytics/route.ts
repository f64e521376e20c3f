import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { streamAnalytics } from '@/lib/streams/analytics';
import { parseStreamId } from '@/lib/streams/schemas';

export const dynamic = 'force-dynamic';

/** Post-stream analytics for the creator (or an admin); anyone else → 403. */
export const GET = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return streamAnalytics(viewer.claims, parseStreamId(params));
  },
);
