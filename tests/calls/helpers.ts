import { asService, asUser, type Db } from '@/lib/db/tx';
import { buyTokens, makeUsers, type TestUser } from '../ledger/helpers';

/** Shared by the call tests: a creator taking calls, funded fans, and calls driven on frozen database time. */

export const T0 = new Date('2030-01-01T00:00:00.000Z');
export const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

export interface CallRow {
  id: string;
  fan_id: string;
  creator_id: string;
  status: string;
  rate: number;
  connected_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
  held_minutes: number;
  posted_minutes: number;
  billed_minutes: number | null;
  total: string | null;
  creator_share: string | null;
  platform_fee: string | null;
  hold_id: string | null;
}

let seq = 0;
export async function creatorAndFans(
  fans: number[],
  settings: { videoRate?: number; voiceRate?: number | null } = {},
): Promise<{ creator: TestUser; fans: TestUser[] }> {
  seq += 1;
  const n = `${process.pid % 1000}${seq}`;
  const [creator, ...rest] = await makeUsers([
    { username: `creator_${n}`, role: 'creator' },
    ...fans.map((_, i) => ({ username: `fan_${n}_${i}` })),
  ]);
  if (!creator) throw new Error('no creator');
  await asUser(creator.claims, (db) =>
    db.query(`select public.set_call_settings($1, $2, true, 'Europe/Paris')`, [
      settings.videoRate ?? 10,
      settings.voiceRate === undefined ? 5 : settings.voiceRate,
    ]),
  );
  for (const [i, tokens] of fans.entries()) {
    const fan = rest[i];
    if (fan && tokens > 0) await buyTokens(fan, tokens);
  }
  return { creator, fans: rest };
}

export async function balanceOf(user: TestUser): Promise<number> {
  return asUser(user.claims, async (db) => {
    const r = await db.query<{ balance: string }>('select balance from public.my_wallet()');
    return Number(r.rows[0]?.balance ?? 0);
  });
}

export async function earningsOf(user: TestUser): Promise<number> {
  return asUser(user.claims, async (db) => {
    const r = await db.query<{ available: string }>('select available from public.my_earnings()');
    return Number(r.rows[0]?.available ?? 0);
  });
}

/** Requested by the fan, accepted by the creator (real functions, real clock). */
export async function acceptedCall(fan: TestUser, creator: TestUser, kind = 'video'): Promise<CallRow> {
  const call = await asUser(fan.claims, async (db) => {
    const r = await db.query<CallRow>('select * from public.request_call($1, $2)', [creator.id, kind]);
    return r.rows[0] as CallRow;
  });
  await asUser(creator.claims, (db) => db.query('select public.answer_call($1, true)', [call.id]));
  return call;
}

/** Accepted, both joined, and connected at `at(0)` (frozen time through the private function). */
export async function connectedCall(fan: TestUser, creator: TestUser, kind = 'video'): Promise<CallRow> {
  const call = await acceptedCall(fan, creator, kind);
  return asService(async (db) => {
    await db.query('update public.calls set fan_joined_at = $2, creator_joined_at = $2 where id = $1', [
      call.id,
      T0,
    ]);
    const r = await db.query<CallRow>('select * from private.call_connect($1, $2)', [call.id, T0]);
    return r.rows[0] as CallRow;
  });
}

export function settle(db: Db, callId: string, seconds: number): Promise<CallRow> {
  return db
    .query<CallRow>('select * from private.call_settle($1, $2)', [callId, at(seconds)])
    .then((r) => r.rows[0] as CallRow);
}

export function endAt(db: Db, callId: string, seconds: number, reason = 'fan_ended'): Promise<CallRow> {
  return db
    .query<CallRow>('select * from private.call_end($1, $2, $3, null)', [callId, at(seconds), reason])
    .then((r) => r.rows[0] as CallRow);
}

export async function getCall(callId: string): Promise<CallRow> {
  return asService(async (db) => {
    const r = await db.query<CallRow>('select * from public.calls where id = $1', [callId]);
    return r.rows[0] as CallRow;
  });
}

export async function minuteRows(
  callId: string,
): Promise<{ minute_index: number; amount: string; fee: string }[]> {
  return asService(async (db) => {
    const r = await db.query<{ minute_index: number; amount: string; fee: string }>(
      'select minute_index, amount, fee from public.call_minutes where call_id = $1 order by minute_index',
      [callId],
    );
    return r.rows;
  });
}

export async function ledgerOk(): Promise<string[]> {
  return asService(async (db) => {
    const r = await db.query<{ name: string; ok: boolean; detail: string }>(
      'select name, ok, detail from ledger.check_invariants()',
    );
    return r.rows.filter((x) => !x.ok).map((x) => `${x.name}: ${x.detail}`);
  });
}

/** The billing rule, written independently of the SQL: 0 up to 10 s, then one per started minute. */
export function ruleMinutes(seconds: number): number {
  if (seconds <= 10) return 0;
  return Math.ceil(seconds / 60);
}
