import 'server-only';
import { clampPaging, type Page, toPage } from '@/lib/db/page';
import { asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { type CallRowWithNames, readCall, toSummary } from './call-row';
import type { CallSummary } from './types';

export interface StatementMinute {
  minuteIndex: number;
  amount: number;
  fee: number;
  settledBy: 'boundary' | 'end';
  settledAt: string;
}

export interface CallStatement {
  call: CallSummary;
  minutes: StatementMinute[];
}

/** The caller's calls (as fan or creator), newest first. RLS limits the rows to their own. */
export async function listCalls(
  claims: Claims,
  opts: { page: number; pageSize: number },
): Promise<Page<CallSummary>> {
  const { page, pageSize } = clampPaging(opts.page, opts.pageSize, 100);
  return asUser(claims, async (db) => {
    const r = await db.query<CallRowWithNames & { total_count: string }>(
      `select count(*) over () as total_count, c.* from public.call_summaries c
        where c.fan_id = auth.uid() or c.creator_id = auth.uid()
        order by c.requested_at desc
        limit $1 offset $2`,
      [pageSize, (page - 1) * pageSize],
    );
    return toPage(r.rows, page, pageSize, toSummary);
  });
}

/** One call with every paid minute (itemised statement). */
export async function callStatement(claims: Claims, callId: string): Promise<CallStatement> {
  return asUser(claims, async (db) => {
    const call = await readCall(db, callId);
    if (!call) throw new AppError('NOT_FOUND', 'Call not found');
    const r = await db.query<{
      minute_index: number;
      amount: string;
      fee: string;
      settled_by: 'boundary' | 'end';
      settled_at: Date;
    }>(
      'select minute_index, amount, fee, settled_by, settled_at from public.call_minutes where call_id = $1 order by minute_index',
      [callId],
    );
    return {
      call,
      minutes: r.rows.map((m) => ({
        minuteIndex: m.minute_index,
        amount: Number(m.amount),
        fee: Number(m.fee),
        settledBy: m.settled_by,
        settledAt: new Date(m.settled_at).toISOString(),
      })),
    };
  });
}

/** Incoming requests still ringing for a creator (for the studio page on load; live updates follow). */
export async function ringingFor(claims: Claims): Promise<CallSummary[]> {
  return asUser(claims, async (db) => {
    const r = await db.query<CallRowWithNames>(
      `select c.* from public.call_summaries c where c.creator_id = auth.uid() and c.status = 'requested' and c.expires_at > now()
        order by c.requested_at`,
    );
    return r.rows.map(toSummary);
  });
}

/** The caller's call that is still open (requested, accepted or connected), if any. */
export async function openCallFor(claims: Claims): Promise<CallSummary | null> {
  return asUser(claims, async (db) => {
    const r = await db.query<CallRowWithNames>(
      `select c.* from public.call_summaries c where (c.fan_id = auth.uid() or c.creator_id = auth.uid())
          and c.status in ('requested', 'accepted', 'connected')
        order by c.requested_at desc limit 1`,
    );
    const row = r.rows[0];
    return row ? toSummary(row) : null;
  });
}
