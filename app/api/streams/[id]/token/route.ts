import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { parseStreamId } from '@/lib/streams/schemas';
import { streamToken } from '@/lib/streams/token';

/**
 * The Agora token for a live stream: publisher for its creator only, subscriber for allowed viewers,
 * 403 for a subscriber-only stream the caller may not watch, 409 once it has ended.
 */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { token: await streamToken(viewer.claims, parseStreamId(params)) };
  },
);
