import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { endStream } from '@/lib/streams/go-live';
import { parseStreamId } from '@/lib/streams/schemas';

/** The creator ends the stream (idempotent; anyone else → 403). */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return { stream: await endStream(viewer.claims, parseStreamId(params)) };
  },
);
