import 'server-only';
import { clampPaging, type Page, toPage } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import type { StreamCategory } from './schemas';
import type { LiveNowItem, PastStream, StreamStatus } from './types';

/**
 * "Live now": live streams whose studio reported in the last 2 minutes, most viewers first (the server-side
 * count from heartbeats), newest first on a tie. Anyone may list them; subscriber-only ones are marked.
 */
export function liveNow(claims: Claims | null, limit = 12): Promise<LiveNowItem[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<{
      id: string;
      title: string;
      category: StreamCategory;
      subscriber_only: boolean;
      started_at: Date;
      viewer_count: number;
      creator_id: string;
      username: string;
      display_name: string;
      avatar_url: string | null;
    }>(
      `select s.id, s.title, s.category, s.subscriber_only, s.started_at, s.viewer_count,
              s.creator_id, p.username, p.display_name, p.avatar_url
         from public.live_streams s join public.profiles p on p.id = s.creator_id
        where s.status = 'live' and s.creator_seen_at > now() - interval '2 minutes' and not p.is_banned
        order by s.viewer_count desc, s.started_at desc, s.id
        limit $1`,
      [Math.min(Math.max(limit, 1), 50)],
    );
    return r.rows.map((x) => ({
      id: x.id,
      title: x.title,
      category: x.category,
      subscriberOnly: x.subscriber_only,
      startedAt: x.started_at.toISOString(),
      viewerCount: x.viewer_count,
      creator: {
        id: x.creator_id,
        username: x.username,
        displayName: x.display_name,
        avatarUrl: x.avatar_url,
      },
    }));
  });
}

/** The caller's own streams, newest first, with the tokens each one brought in (tips + gifts). */
export function myStreams(claims: Claims, page: number, pageSize: number): Promise<Page<PastStream>> {
  const p = clampPaging(page, pageSize, 100);
  return asUser(claims, async (db) => {
    const r = await db.query<{
      id: string;
      title: string;
      category: StreamCategory;
      subscriber_only: boolean;
      status: StreamStatus;
      started_at: Date;
      ended_at: Date | null;
      peak_viewers: number;
      tokens: string;
      total_count: string;
    }>(
      `select s.id, s.title, s.category, s.subscriber_only, s.status, s.started_at, s.ended_at, s.peak_viewers,
              coalesce((select sum(e.amount) from public.stream_events e where e.stream_id = s.id), 0) as tokens,
              count(*) over () as total_count
         from public.live_streams s
        where s.creator_id = auth.uid()
        order by s.started_at desc, s.id
        limit $1 offset $2`,
      [p.pageSize, (p.page - 1) * p.pageSize],
    );
    return toPage(r.rows, p.page, p.pageSize, (x) => ({
      id: x.id,
      title: x.title,
      category: x.category,
      subscriberOnly: x.subscriber_only,
      status: x.status,
      startedAt: x.started_at.toISOString(),
      endedAt: x.ended_at?.toISOString() ?? null,
      peakViewers: x.peak_viewers,
      tokens: Number(x.tokens),
    }));
  });
}
