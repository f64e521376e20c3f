import { z } from 'zod';
import { realtimeClientMode } from '@/lib/adapters/realtime/ably-rest';
import { canAccessChannel } from '@/lib/adapters/realtime/access';
import { openLocalStream } from '@/lib/adapters/realtime/sse-stream';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

/**
 * Local realtime transport (no Ably): Server-Sent Events for the listed channels, every one of them
 * access-checked before the stream opens. `presence=<channel>` enters presence there while connected.
 */
export const dynamic = 'force-dynamic';

const MAX_STREAM_CHANNELS = 10;

const StreamQuery = z.object({
  channels: z
    .string({ error: 'channels is required' })
    .max(1000)
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .refine((list) => list.length >= 1 && list.length <= MAX_STREAM_CHANNELS, {
      error: `List 1 to ${MAX_STREAM_CHANNELS} channels, separated by commas`,
    }),
  presence: z.string().max(100).optional(),
  /** For a stream the client reopens itself (the browser sends the Last-Event-ID header on its own retries). */
  lastEventId: z.string().max(100).optional(),
});

export const GET = route({ auth: 'user', query: StreamQuery }, async ({ req, viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  if (realtimeClientMode() !== 'local') {
    throw new AppError('NOT_CONFIGURED', 'Realtime runs on Ably here: connect with /api/realtime/token');
  }
  const userId = viewer.profile.id;
  const channels = [...query.channels];
  if (query.presence !== undefined && !channels.includes(query.presence)) channels.push(query.presence);
  for (const channel of channels) {
    if (!(await canAccessChannel(userId, channel))) {
      throw new AppError('FORBIDDEN', 'You cannot listen on that channel', { channel });
    }
  }
  const body = openLocalStream({
    userId,
    displayName: viewer.profile.display_name,
    channels,
    presence: query.presence,
    lastEventId: req.headers.get('last-event-id') ?? query.lastEventId,
    signal: req.signal,
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
});
