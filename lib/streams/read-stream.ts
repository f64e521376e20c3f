import 'server-only';
import { asUser, type Claims, type Db } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import type { StreamCategory } from './schemas';
import type { StreamDetails, StreamStatus } from './types';

interface DetailsRow {
  id: string;
  creator_id: string;
  creator_username: string;
  creator_display_name: string;
  creator_avatar_url: string | null;
  title: string;
  category: StreamCategory;
  subscriber_only: boolean;
  status: StreamStatus;
  started_at: Date;
  ended_at: Date | null;
  viewer_count: number;
  peak_viewers: number;
  last_event_seq: string;
  can_view: boolean;
  is_creator: boolean;
  is_muted: boolean;
  vod_url: string | null;
}

export async function streamDetailsIn(db: Db, streamId: string): Promise<StreamDetails> {
  const r = await db.query<DetailsRow>('select * from public.stream_details($1)', [streamId]);
  const s = r.rows[0];
  if (!s) throw new AppError('NOT_FOUND', 'Stream not found');
  return {
    id: s.id,
    creator: {
      id: s.creator_id,
      username: s.creator_username,
      displayName: s.creator_display_name,
      avatarUrl: s.creator_avatar_url,
    },
    title: s.title,
    category: s.category,
    subscriberOnly: s.subscriber_only,
    status: s.status,
    startedAt: s.started_at.toISOString(),
    endedAt: s.ended_at?.toISOString() ?? null,
    viewerCount: s.viewer_count,
    peakViewers: s.peak_viewers,
    lastEventSeq: Number(s.last_event_seq),
    canView: s.can_view,
    isCreator: s.is_creator,
    isMuted: s.is_muted,
    vodUrl: s.vod_url,
  };
}

/** The stream as the caller sees it (404 when it does not exist). */
export function streamDetails(claims: Claims, streamId: string): Promise<StreamDetails> {
  return asUser(claims, (db) => streamDetailsIn(db, streamId));
}

/** The stream, or 403 when the caller may not watch it (subscriber-only). */
export async function requireViewable(claims: Claims, streamId: string): Promise<StreamDetails> {
  const s = await streamDetails(claims, streamId);
  if (!s.canView) throw new AppError('FORBIDDEN', 'This stream is for subscribers only');
  return s;
}
