import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { setMute } from '@/lib/streams/chat';
import { MuteSchema, parseStreamId } from '@/lib/streams/schemas';

/** The stream's creator mutes or unmutes a viewer in this stream's chat (recorded; anyone else → 403). */
export const POST = route<{ userId: string; muted: boolean; reason?: string }, undefined, { id: string }>(
  { auth: 'user', body: MuteSchema },
  async ({ viewer, params, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return setMute(viewer.claims, parseStreamId(params), body);
  },
);
