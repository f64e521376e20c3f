import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { publishStream } from './publish';
import { STREAM_EVENTS, type StreamStatus, type ViewerCounts } from './types';

/** How often the live page and the studio report "still here" (the server counts 45 s as present). */
export const HEARTBEAT_MS = 15_000;

/**
 * Join / heartbeat (present) or leave: the server keeps the viewer sessions and recomputes the live count
 * and peak, so ordering on the home page and the analytics never depend on one browser.
 */
export async function streamPresence(
  claims: Claims,
  streamId: string,
  present: boolean,
): Promise<ViewerCounts> {
  const counts = await asUser(claims, async (db) => {
    const r = await db.query<{ viewer_count: number; peak_viewers: number; status: StreamStatus }>(
      'select viewer_count, peak_viewers, status from public.stream_presence($1, $2)',
      [streamId, present],
    );
    const row = r.rows[0];
    if (!row) throw new AppError('INTERNAL', 'stream_presence returned no row');
    return { viewerCount: row.viewer_count, peakViewers: row.peak_viewers, status: row.status };
  });
  if (counts.status === 'live') await publishStream(streamId, STREAM_EVENTS.viewers, counts);
  return counts;
}
