import 'server-only';
import { CALL_CONNECTED, CALL_ENDED, sendCallEvent } from '@/inngest/call-events';
import { asUser, type Claims, type Db } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { readCall } from './call-row';
import { publishCall } from './events';
import type { CallKind, CallState, CallSummary } from './types';

/**
 * The call state machine as the two participants drive it. Every rule (who may, when, what it costs) is in
 * the SQL functions of 20261123000402_call_api.sql; these wrap them, read the result back with names and
 * tell both sides over realtime.
 */

async function run(claims: Claims, sql: string, params: unknown[]): Promise<CallSummary> {
  const call = await asUser(claims, async (db) => {
    const r = await db.query<{ id: string | null }>(sql, params);
    const id = r.rows[0]?.id;
    if (!id) throw new AppError('NOT_FOUND', 'Call not found');
    return readCall(db, id);
  });
  if (!call) throw new AppError('NOT_FOUND', 'Call not found');
  return call;
}

async function runAndPublish(
  claims: Claims,
  sql: string,
  params: unknown[],
  before?: string,
): Promise<CallSummary> {
  const call = await run(claims, sql, params);
  if (call.status !== before) await announce(call);
  return call;
}

/** Tells the participants, and starts or stops the per-minute settlement loop. */
async function announce(call: CallSummary): Promise<void> {
  await publishCall(call);
  if (call.status === 'connected') {
    await sendCallEvent(CALL_CONNECTED, { callId: call.id, connectedAt: call.connectedAt });
  } else if (call.status === 'ended') {
    await sendCallEvent(CALL_ENDED, { callId: call.id });
  }
}

export function requestCall(
  claims: Claims,
  i: { creatorId: string; kind: CallKind; bookingId?: string },
): Promise<CallSummary> {
  return runAndPublish(claims, 'select (public.request_call($1, $2, $3)).id', [
    i.creatorId,
    i.kind,
    i.bookingId ?? null,
  ]);
}

export function answerCall(claims: Claims, callId: string, accept: boolean): Promise<CallSummary> {
  return runAndPublish(claims, 'select (public.answer_call($1, $2)).id', [callId, accept]);
}

export function joinCall(claims: Claims, callId: string): Promise<CallSummary> {
  return runAndPublish(claims, 'select (public.join_call($1)).id', [callId], 'accepted');
}

export async function heartbeat(claims: Claims, callId: string): Promise<CallState> {
  const state = await asUser(claims, async (db) => {
    await db.query('select public.call_heartbeat($1)', [callId]);
    return readState(db, callId);
  });
  if (state.call.status === 'ended') await announce(state.call);
  return state;
}

/** Settles what is due and funds the next minute ahead; funded = false when the wallet cannot. */
export async function renewCall(
  claims: Claims,
  callId: string,
): Promise<{ funded: boolean; state: CallState }> {
  const out = await asUser(claims, async (db) => {
    const r = await db.query<{ funded: boolean }>('select funded from public.renew_call($1)', [callId]);
    return { funded: r.rows[0]?.funded === true, state: await readState(db, callId) };
  });
  if (out.state.call.status === 'ended') await announce(out.state.call);
  return out;
}

export function endCall(claims: Claims, callId: string): Promise<CallSummary> {
  return runAndPublish(claims, 'select (public.end_call($1)).id', [callId]);
}

export async function readState(db: Db, callId: string): Promise<CallState> {
  const r = await db.query<{ server_now: Date; funded_until: Date | null; wallet_minutes: string }>(
    'select server_now, funded_until, wallet_minutes from public.call_state($1)',
    [callId],
  );
  const row = r.rows[0];
  const call = await readCall(db, callId);
  if (!row || !call) throw new AppError('NOT_FOUND', 'Call not found');
  return {
    call,
    serverNow: new Date(row.server_now).toISOString(),
    fundedUntil: row.funded_until ? new Date(row.funded_until).toISOString() : null,
    walletMinutes: Number(row.wallet_minutes),
  };
}

export function callState(claims: Claims, callId: string): Promise<CallState> {
  return asUser(claims, (db) => readState(db, callId));
}
