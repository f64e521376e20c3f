import 'server-only';
import { asService } from '@/lib/db/tx';
import { logError } from '@/lib/log/log';
import { notifyMissedCall } from '@/lib/notifications/missed-calls';
import { readCall } from './call-row';
import { publishCall } from './events';
import type { CallSummary } from './types';

/**
 * The time-driven side of calls, used by the Inngest functions, the local scheduler and the benchmark.
 * Each call is settled or ended in its own short transaction (private.call_settle / call_end take the
 * call's lock, then the ledger's in id order), so workers never hold shared accounts across calls.
 * Times are the database's clock unless a test or the benchmark passes one.
 */

export interface SettleResult {
  due: number;
  settled: number;
  ended: CallSummary[];
  errors: { callId: string; message: string }[];
}

async function settleOne(callId: string, now: Date | null): Promise<CallSummary | null> {
  return asService(async (db) => {
    const r = await db.query<{ status: string }>(
      'select status from private.call_settle($1, coalesce($2::timestamptz, clock_timestamp()))',
      [callId, now],
    );
    return r.rows[0]?.status === 'ended' ? readCall(db, callId) : null;
  });
}

/** Calls one worker settles per transaction (row locks are held until its commit). */
export const BATCH_SIZE = 200;

/**
 * Settles every connected call whose minute boundary is due: `workers` parallel connections, each taking
 * its hash partition in batches of BATCH_SIZE calls per transaction (private.settle_due_batch).
 */
export async function settleDueCalls(
  opts: { now?: Date; workers?: number; publish?: boolean } = {},
): Promise<SettleResult> {
  const workers = Math.max(1, opts.workers ?? 2);
  const now = opts.now ?? null;
  const result: SettleResult = { due: 0, settled: 0, ended: [], errors: [] };
  const endedIds: string[] = [];
  const settledOne = (id: string, status: string | null) => {
    result.settled += 1;
    if (status === 'ended') endedIds.push(id);
  };
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (;;) {
        let rows: { call_id: string; status: string }[];
        try {
          rows = await asService(async (db) => {
            // A settlement is recomputed from the call row by the next pass: losing the last few
            // milliseconds of them in a server crash rolls back call rows and ledger entries together (one
            // transaction, consistent WAL), so the batch need not wait for the WAL flush.
            await db.query('set local synchronous_commit = off');
            const r = await db.query<{ call_id: string; status: string }>(
              'select call_id, status from private.settle_due_batch(coalesce($1::timestamptz, clock_timestamp()), $2, $3, $4)',
              [now, w, workers, BATCH_SIZE],
            );
            return r.rows;
          });
        } catch {
          // One call failed and took the batch with it: settle this partition's due calls one by one.
          const ids = await asService(async (db) => {
            const r = await db.query<{ call_id: string }>(
              'select call_id from private.due_calls(coalesce($1::timestamptz, clock_timestamp()), $2, $3, $4)',
              [now, w, workers, BATCH_SIZE],
            );
            return r.rows.map((x) => x.call_id);
          });
          result.due += ids.length;
          for (const id of ids) {
            try {
              const ended = await settleOne(id, now);
              settledOne(id, ended ? 'ended' : null);
            } catch (err) {
              result.errors.push({ callId: id, message: (err as Error).message });
            }
          }
          break; // the failing calls stay due; the next pass tries them again
        }
        result.due += rows.length;
        for (const r of rows) settledOne(r.call_id, r.status);
        if (rows.length < BATCH_SIZE) break; // drained (calls held by another transaction wait for the next pass)
      }
    }),
  );
  if (endedIds.length) {
    const ended = await asService((db) => Promise.all(endedIds.map((id) => readCall(db, id))));
    for (const c of ended) if (c) result.ended.push(c);
  }
  if (opts.publish !== false) await Promise.all(result.ended.map(publishCall));
  for (const e of result.errors.slice(0, 20))
    await logError('calls.settle', new Error(e.message), { callId: e.callId });
  return result;
}

/** Settles one call now (the per-call Inngest loop); returns the call when it ended. */
export async function settleCall(callId: string): Promise<CallSummary | null> {
  const ended = await settleOne(callId, null);
  if (ended) await publishCall(ended);
  return ended;
}

/** Expires unanswered requests and ends stale calls (nobody joined, or everyone stopped heart-beating). */
export async function sweepCalls(
  opts: { now?: Date } = {},
): Promise<{ expired: number; ended: number; settled: number }> {
  const now = opts.now ?? null;
  const expired = await asService(async (db) => {
    const r = await db.query<{ call_id: string }>(
      'select call_id from private.expire_call_requests(coalesce($1::timestamptz, clock_timestamp()))',
      [now],
    );
    return Promise.all(r.rows.map((x) => readCall(db, x.call_id)));
  });
  const stale = await asService(async (db) => {
    const r = await db.query<{ call_id: string; end_at: Date; reason: string }>(
      'select call_id, end_at, reason from private.stale_calls(coalesce($1::timestamptz, clock_timestamp()))',
      [now],
    );
    return r.rows;
  });
  const ended: CallSummary[] = [];
  for (const s of stale) {
    try {
      const call = await asService(async (db) => {
        await db.query('select private.call_end($1, $2, $3, null)', [s.call_id, s.end_at, s.reason]);
        return readCall(db, s.call_id);
      });
      if (call) ended.push(call);
    } catch (err) {
      await logError('calls.sweep', err, { callId: s.call_id });
    }
  }
  const settled = await settleDueCalls({ now: opts.now });
  await Promise.all([...expired, ...ended].map((c) => (c ? publishCall(c) : undefined)));
  for (const c of expired) {
    if (c) await notifyMissedCall(c).catch((err: unknown) => logError('calls.missed', err, { callId: c.id }));
  }
  return { expired: expired.length, ended: ended.length + settled.ended.length, settled: settled.settled };
}
