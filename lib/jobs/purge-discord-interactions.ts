import 'server-only';
import { asService } from '@/lib/db/tx';

/** How long an interaction id is remembered. Discord retries within minutes and its token lives 15. */
export const INTERACTION_RETENTION_DAYS = 30;

/**
 * Forgets interaction ids older than the retention window, in bounded batches so one run never holds
 * a long lock or writes a huge WAL burst. An id that old can no longer be retried by Discord.
 */
export async function purgeDiscordInteractions(
  opts: { batch?: number; maxBatches?: number } = {},
): Promise<{ deleted: number }> {
  const batch = opts.batch ?? 5000;
  const maxBatches = opts.maxBatches ?? 20;
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const r = await asService((db) =>
      db.query(
        `delete from discord.interactions
          where id in (select id from discord.interactions
                        where received_at < now() - make_interval(days => $1)
                        limit $2)`,
        [INTERACTION_RETENTION_DAYS, batch],
      ),
    );
    deleted += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < batch) break;
  }
  return { deleted };
}
