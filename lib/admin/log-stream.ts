import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import type { LogQuery } from './schemas';

export interface LogRow {
  id: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  source: string;
  message: string;
  context: Record<string, unknown>;
  request_id: string | null;
  created_at: Date;
}

/**
 * Log lines newer than the `after` cursor (an app_logs id), newest first, filtered by level(s), exact
 * source and a search over message, source and request id. The client keeps the highest id it has seen
 * and asks again with it. When more lines match than one page holds, `olderId` is the newest matching
 * line left out below the page (else null): if the client has not seen it, lines were skipped there and
 * the live view marks the gap (filtering or searching finds them).
 */
export async function readLogStream(
  claims: Claims,
  q: LogQuery,
): Promise<{ items: LogRow[]; cursor: string | null; olderId: string | null }> {
  return asUser(claims, async (db) => {
    // One line more than a page: the newest one left out.
    const r = await db.query<LogRow>(
      'select id::text, level, source, message, context, request_id, created_at from public.admin_log_stream($1, $2, $3, $4, $5)',
      [q.after ?? null, q.level.length ? q.level : null, q.source || null, q.q || null, q.limit + 1],
    );
    const items = r.rows.slice(0, q.limit);
    const newest = items[0]?.id ?? (q.after !== undefined ? String(q.after) : null);
    return { items, cursor: newest, olderId: r.rows[q.limit]?.id ?? null };
  });
}

export async function logSources(claims: Claims): Promise<string[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ source: string }>('select source from public.admin_log_sources()');
    return r.rows.map((x) => x.source);
  });
}
