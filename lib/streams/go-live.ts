import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { publishStream } from './publish';
import { streamDetailsIn } from './read-stream';
import type { StartStreamInput } from './schemas';
import { STREAM_EVENTS, type StreamDetails } from './types';

/** Starts a stream for the calling creator (public.start_stream: one live stream per creator, CO409). */
export async function startStream(claims: Claims, i: StartStreamInput): Promise<StreamDetails> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ id: string }>('select id from public.start_stream($1, $2, $3)', [
      i.title,
      i.category,
      i.subscriberOnly,
    ]);
    const id = r.rows[0]?.id;
    if (!id) throw new AppError('INTERNAL', 'start_stream returned no row');
    return streamDetailsIn(db, id);
  });
}

/** Ends the caller's stream (idempotent) and tells the viewers. */
export async function endStream(claims: Claims, streamId: string): Promise<StreamDetails> {
  const s = await asUser(claims, async (db) => {
    await db.query('select id from public.end_stream($1)', [streamId]);
    return streamDetailsIn(db, streamId);
  });
  await publishStream(streamId, STREAM_EVENTS.ended, { streamId, endedAt: s.endedAt });
  return s;
}

/** Stores (or clears) the recording URL of the caller's stream. */
export async function setVodUrl(
  claims: Claims,
  streamId: string,
  url: string | null,
): Promise<StreamDetails> {
  return asUser(claims, async (db) => {
    await db.query('select public.set_stream_vod_url($1, $2)', [streamId, url]);
    return streamDetailsIn(db, streamId);
  });
}

/** The caller's live stream, if any (for the studio page). */
export async function myLiveStreamId(claims: Claims): Promise<string | null> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ id: string }>(
      `select id from public.live_streams where creator_id = auth.uid() and status = 'live' limit 1`,
    );
    return r.rows[0]?.id ?? null;
  });
}
