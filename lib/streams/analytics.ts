import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import type { StreamAnalytics, Supporter } from './types';

/** Post-stream figures for the creator (or an admin): public.stream_analytics + stream_top_supporters. */
export async function streamAnalytics(
  claims: Claims,
  streamId: string,
): Promise<{ analytics: StreamAnalytics; supporters: Supporter[] }> {
  return asUser(claims, async (db) => {
    const a = await db.query<{
      duration_seconds: string;
      peak_viewers: number;
      average_viewers: string;
      unique_viewers: number;
      chat_messages: number;
      deleted_messages: number;
      tips_total: string;
      tips_count: number;
      gifts_total: string;
      gifts_count: number;
      creator_earned: string;
    }>('select * from public.stream_analytics($1)', [streamId]);
    const row = a.rows[0];
    if (!row) throw new AppError('NOT_FOUND', 'Stream not found');
    const s = await db.query<{
      user_id: string;
      username: string;
      display_name: string;
      total: string;
      tips: number;
      gifts: number;
    }>('select * from public.stream_top_supporters($1, 10)', [streamId]);
    return {
      analytics: {
        durationSeconds: Number(row.duration_seconds),
        peakViewers: row.peak_viewers,
        averageViewers: Number(row.average_viewers),
        uniqueViewers: row.unique_viewers,
        chatMessages: row.chat_messages,
        deletedMessages: row.deleted_messages,
        tipsTotal: Number(row.tips_total),
        tipsCount: row.tips_count,
        giftsTotal: Number(row.gifts_total),
        giftsCount: row.gifts_count,
        creatorEarned: Number(row.creator_earned),
      },
      supporters: s.rows.map((x) => ({
        userId: x.user_id,
        username: x.username,
        displayName: x.display_name,
        total: Number(x.total),
        tips: x.tips,
        gifts: x.gifts,
      })),
    };
  });
}
