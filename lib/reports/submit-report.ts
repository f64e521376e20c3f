import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import type { ReportInput } from './schemas';

/** Files a report about a profile as the signed-in user; the SQL function checks everything. */
export async function submitReport(claims: Claims, input: ReportInput): Promise<{ id: number }> {
  return asUser(claims, async (db) => {
    const r = await db.query<{ id: string }>('select public.submit_report($1, $2, $3) as id', [
      input.targetId,
      input.category,
      input.details,
    ]);
    return { id: Number(r.rows[0]?.id) };
  });
}
