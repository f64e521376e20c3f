import { InngestTestEngine } from '@inngest/test';
import { describe, expect, it } from 'vitest';
import { callMinuteLoop, MINUTES_PER_RUN } from '@/inngest/functions';
import { asService } from '@/lib/db/tx';
import { acceptedCall, creatorAndFans, getCall } from './helpers';

/**
 * The per-call Inngest function, run by @inngest/test's engine against the real database: sleeps are
 * mocked (they would wait for real minute boundaries), settlements run for real.
 */

const sleeps = (from: number) =>
  Array.from({ length: MINUTES_PER_RUN }, (_, i) => ({
    id: `boundary-${from + i}`,
    handler: () => undefined,
  }));

/** Accepted, both joined and connected `secondsAgo` seconds ago (database time). */
async function connectedAgo(tokens: number, secondsAgo: number) {
  const { creator, fans } = await creatorAndFans([tokens]);
  const fan = fans[0];
  if (!fan) throw new Error('fan');
  const call = await acceptedCall(fan, creator);
  return asService(async (db) => {
    await db.query(
      `update public.calls set fan_joined_at = now() - make_interval(secs => $2),
                               creator_joined_at = now() - make_interval(secs => $2) where id = $1`,
      [call.id, secondsAgo],
    );
    const r = await db.query<{ connected_at: Date }>(
      `select connected_at from private.call_connect($1, now() - make_interval(secs => $2))`,
      [call.id, secondsAgo],
    );
    const connectedAt = r.rows[0]?.connected_at;
    if (!connectedAt) throw new Error('the call did not connect');
    return { id: call.id, connectedAt: connectedAt.toISOString() };
  });
}

describe('call-minute-loop (Inngest)', () => {
  it('settles at each boundary and hands over to a new run after MINUTES_PER_RUN boundaries', async () => {
    const call = await connectedAgo(1000, 1);
    const t = new InngestTestEngine({ function: callMinuteLoop });
    const { result, ctx } = await t.execute({
      events: [{ name: 'call/connected', data: { callId: call.id, connectedAt: call.connectedAt } }],
      // The hand-over is mocked too (sending needs an Inngest event key).
      steps: [...sleeps(1), { id: 'continue', handler: () => ({ ids: ['evt_continue'] }) }],
    });
    expect(result).toEqual({ callId: call.id, continued: MINUTES_PER_RUN + 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith('continue', {
      name: 'call/connected',
      data: { callId: call.id, connectedAt: call.connectedAt, fromMinute: MINUTES_PER_RUN + 1 },
    });
    expect((await getCall(call.id)).status).toBe('connected');
  });

  it('stops when a settlement ends the call (the fan could pay only the first minute)', async () => {
    const call = await connectedAgo(10, 75); // one minute held at connect; boundary 1 is 15 s past
    const t = new InngestTestEngine({ function: callMinuteLoop });
    const { result } = await t.execute({
      events: [{ name: 'call/connected', data: { callId: call.id, connectedAt: call.connectedAt } }],
      steps: sleeps(1),
    });
    expect(result).toEqual({ callId: call.id, endedAtBoundary: 1 });
    const ended = await getCall(call.id);
    expect([ended.status, ended.end_reason, Number(ended.total)]).toEqual([
      'ended',
      'insufficient_funds',
      10,
    ]);
  });
});
