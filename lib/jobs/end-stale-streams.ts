import 'server-only';
import { asService } from '@/lib/db/tx';

/**
 * Ends live streams whose studio stopped sending heartbeats 2 minutes ago (a closed tab, a crash), so
 * their analytics close and viewers see "ended" without waiting for the creator to go live again.
 */
export async function endStaleStreams(now: Date = new Date()): Promise<{ ended: number }> {
  const r = await asService((db) =>
    db.query<{ n: number }>('select private.end_stale_streams(null, $1) as n', [now]),
  );
  return { ended: r.rows[0]?.n ?? 0 };
}
