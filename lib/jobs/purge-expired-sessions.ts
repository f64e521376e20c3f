import 'server-only';
import { asService } from '@/lib/db/tx';

/** Deletes sessions that expired or were revoked more than a day ago (they can never be honoured again). */
export async function purgeExpiredSessions(): Promise<{ deleted: number }> {
  const r = await asService((db) =>
    db.query(
      `delete from private.sessions
        where expires_at < now() - interval '1 day'
           or revoked_at < now() - interval '1 day'`,
    ),
  );
  return { deleted: r.rowCount ?? 0 };
}
