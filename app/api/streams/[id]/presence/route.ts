import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { streamPresence } from '@/lib/streams/presence';
import { PresenceSchema, parseStreamId } from '@/lib/streams/schemas';

/** Join / heartbeat ({ present: true }, every 15 s) or leave ({ present: false }); returns the counts. */
export const POST = route<{ present: boolean }, undefined, { id: string }>(
  { auth: 'user', body: PresenceSchema },
  async ({ viewer, params, body }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    return streamPresence(viewer.claims, parseStreamId(params), body.present);
  },
);
