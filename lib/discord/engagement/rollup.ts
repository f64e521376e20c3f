import 'server-only';
import { asService } from '@/lib/db/tx';

const DAY = 24 * 60 * 60 * 1000;

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Recomputes the daily Community Score rows of a guild from `from` (a UTC day) to today, in SQL. */
export function rollupScores(guildId: string, from: Date): Promise<number> {
  return asService(async (db) => {
    const r = await db.query<{ n: number }>('select discord.rollup_scores($1, $2::date) as n', [
      guildId,
      utcDay(from),
    ]);
    return r.rows[0]?.n ?? 0;
  });
}

/** The earliest day a run must recompute: yesterday (late data), or earlier when a backfill reached back. */
export function rollupFrom(now: Date, oldestTouched: Date | null): Date {
  const yesterday = new Date(now.getTime() - DAY);
  return oldestTouched && oldestTouched < yesterday ? oldestTouched : yesterday;
}

export function snapshotLeaderboards(guildId: string, now: Date = new Date()): Promise<number> {
  return asService(async (db) => {
    const r = await db.query<{ n: number }>('select discord.snapshot_leaderboards($1, $2) as n', [
      guildId,
      now,
    ]);
    return r.rows[0]?.n ?? 0;
  });
}
