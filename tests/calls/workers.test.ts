import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { asService } from '@/lib/db/tx';
import { settleDueCalls, sweepCalls } from '@/lib/calls/settle-due';
import { at, balanceOf, connectedCall, creatorAndFans, getCall, ledgerOk, minuteRows } from './helpers';

/** The time-driven workers: batched settlement, the sweep (expiry, stale calls), on frozen time. */

async function connectedCalls(n: number, tokens = 100) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const { creator, fans } = await creatorAndFans([tokens]);
    const fan = fans[0];
    if (!fan) throw new Error('fan');
    out.push({ creator, fan, call: await connectedCall(fan, creator) });
  }
  return out;
}

describe('settleDueCalls (batched, partitioned)', () => {
  it('settles every due call once across workers; a repeated pass settles nothing', async () => {
    const calls = await connectedCalls(6);
    const first = await settleDueCalls({ now: at(61), workers: 3, publish: false });
    expect(first.errors).toEqual([]);
    expect(first.settled).toBeGreaterThanOrEqual(6);
    for (const c of calls) expect((await minuteRows(c.call.id)).length).toBe(1);
    const again = await settleDueCalls({ now: at(61), workers: 3, publish: false });
    expect(again.due).toBe(0);
    const later = await settleDueCalls({ now: at(185), workers: 2, publish: false });
    expect(later.errors).toEqual([]);
    for (const c of calls)
      expect((await minuteRows(c.call.id)).map((m) => m.minute_index)).toEqual([0, 1, 2]);
    expect(await ledgerOk()).toEqual([]);
  });

  it('ends a call whose next minute cannot be funded, and reports it', async () => {
    const [c] = await connectedCalls(1, 15);
    if (!c) throw new Error('call');
    const r = await settleDueCalls({ now: at(70), workers: 1, publish: false });
    expect(r.ended.map((x) => [x.id, x.endReason])).toEqual([[c.call.id, 'insufficient_funds']]);
    expect(await balanceOf(c.fan)).toBe(5);
  });

  it('skips a call another transaction holds instead of waiting for it', async () => {
    const [c] = await connectedCalls(1);
    if (!c) throw new Error('call');
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select 1 from public.calls where id = $1 for update', [c.call.id]);
      const r = await settleDueCalls({ now: at(61), workers: 1, publish: false });
      expect(r.settled).toBe(0);
      await holder.query('rollback');
    } finally {
      await holder.end();
    }
    const r2 = await settleDueCalls({ now: at(61), workers: 1, publish: false });
    expect(r2.settled).toBe(1);
  });
});

describe('a call that cannot be settled', () => {
  it('fails its batch, then the others are settled one by one and it is reported', async () => {
    const [bad, good] = await connectedCalls(2);
    if (!bad || !good) throw new Error('calls');
    // Break one call on purpose: its hold is voided behind its back, so paying a minute from it fails.
    await asService((db) => db.query(`select * from ledger.void_hold($1, 'test-break')`, [bad.call.hold_id]));
    const r = await settleDueCalls({ now: at(61), workers: 1, publish: false });
    expect(r.errors.map((e) => e.callId)).toContain(bad.call.id);
    expect((await minuteRows(good.call.id)).length).toBe(1);
    expect((await minuteRows(bad.call.id)).length).toBe(0);
  });
});

describe('sweepCalls', () => {
  it('ends a connected call at the last heartbeat once everyone has been silent for 90 s', async () => {
    const [c] = await connectedCalls(1);
    if (!c) throw new Error('call');
    await asService((db) =>
      db.query('update public.calls set fan_seen_at = $2, creator_seen_at = $3 where id = $1', [
        c.call.id,
        at(25),
        at(40),
      ]),
    );
    // At 129 s the last heartbeat is 89 s old: the call may still be live, so boundaries 1 and 2 are paid.
    await sweepCalls({ now: at(129) }); // (other tests' calls in this database may end here)
    expect((await getCall(c.call.id)).status).toBe('connected');
    await sweepCalls({ now: at(131) });
    const call = await getCall(c.call.id);
    expect(call.end_reason).toBe('no_heartbeat');
    // It ends at the last heartbeat (40 s) but never before the time already paid (120 s).
    expect(call.ended_at?.toISOString()).toBe(at(120).toISOString());
    expect(Number(call.total)).toBe(20);
  });

  it('expires unanswered requests and ends accepted calls nobody joined, at no cost', async () => {
    const { creator, fans } = await creatorAndFans([100, 100]);
    const [a, b] = fans;
    if (!a || !b) throw new Error('fans');
    const { acceptedCall } = await import('./helpers');
    const accepted = await acceptedCall(a, creator);
    const { asUser } = await import('@/lib/db/tx');
    const { fans: more, creator: other } = await creatorAndFans([100]);
    const ringing = await asUser(
      more[0]?.claims ?? b.claims,
      async (db) =>
        (await db.query<{ id: string }>('select id from public.request_call($1, $2)', [other.id, 'video']))
          .rows[0],
    );
    const r = await sweepCalls({ now: new Date(Date.now() + 10 * 60_000) });
    expect(r.expired).toBeGreaterThanOrEqual(1);
    expect((await getCall(ringing?.id as string)).status).toBe('expired');
    const a2 = await getCall(accepted.id);
    expect([a2.status, a2.end_reason, Number(a2.total)]).toEqual(['ended', 'not_connected', 0]);
    expect(await balanceOf(a)).toBe(100);
  });
});
