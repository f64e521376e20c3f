import { realtimeClientMode } from '@/lib/adapters/realtime/ably-rest';
import { createAblyTokenRequest } from '@/lib/adapters/realtime/ably-token';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/**
 * Realtime credentials for the signed-in user. With Ably: a signed token request whose capability lists
 * only the user's own channel and their live calls (the Ably client calls this as its authUrl, again
 * before the token expires). Locally: `{ mode: 'local' }` — the browser uses /api/realtime/stream instead.
 */
export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'user' }, async ({ viewer }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  if (realtimeClientMode() === 'local') return { mode: 'local' };
  return createAblyTokenRequest(viewer.profile.id);
});
