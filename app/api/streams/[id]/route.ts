import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { streamDetails } from '@/lib/streams/read-stream';
import { parseStreamId } from '@/lib/streams/schemas';

export const dynamic = 'force-dynamic';

/** One stream as the caller sees it (canView false for a subscriber-only stream they may not watch). */
export const GET = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { stream: await streamDetails(viewer.claims, parseStreamId(params)) };
  },
);
