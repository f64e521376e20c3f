import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { liveNow } from '@/lib/streams/discovery';
import { startStream } from '@/lib/streams/go-live';
import { StartStreamSchema } from '@/lib/streams/schemas';

export const dynamic = 'force-dynamic';

/** "Live now", most viewers first (anyone). */
export const GET = route({ auth: 'optional' }, async ({ viewer }) => ({
  items: await liveNow(viewer?.claims ?? null),
}));

/** A creator goes live: the stream row (one live stream per creator → 409). The token comes from /token. */
export const POST = route({ auth: ['creator'], body: StartStreamSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return { stream: await startStream(viewer.claims, body) };
});
