import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { moderationLog } from '@/lib/streams/chat';
import { parseStreamId } from '@/lib/streams/schemas';

export const dynamic = 'force-dynamic';

/** The record of deletions and mutes in this stream (its creator or an admin; others see an empty list). */
export const GET = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { actions: await moderationLog(viewer.claims, parseStreamId(params)) };
  },
);
