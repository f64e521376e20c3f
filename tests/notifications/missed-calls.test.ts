import { describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';

vi.mock('next/headers', () => nextHeadersMock());

const { asService, asUser } = await import('@/lib/db/tx');
const { sweepCalls } = await import('@/lib/calls/settle-due');
const { creatorAndFans } = await import('../calls/helpers');

/** A call request that expires unanswered notifies both sides once (in-app + email, per preferences). */

async function notificationsOf(userId: string) {
  return asService(async (db) => {
    const r = await db.query<{ kind: string; title: string; target_id: string }>(
      'select kind, title, target_id from public.notifications where user_id = $1',
      [userId],
    );
    return r.rows;
  });
}
async function mailTo(username: string) {
  return asService(async (db) => {
    const r = await db.query<{ subject: string }>(
      'select subject from private.email_outbox where to_address = $1',
      [`${username}@example.test`],
    );
    return r.rows.map((x) => x.subject);
  });
}

describe('missed call requests', () => {
  it('notify the creator and the fan when the request expires, and only once', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const call = await asUser(fan.claims, async (db) => {
      const r = await db.query<{ id: string; expires_at: Date }>(
        'select id, expires_at from public.request_call($1, $2)',
        [creator.id, 'video'],
      );
      return r.rows[0] as { id: string; expires_at: Date };
    });
    // Not yet expired: nothing.
    await sweepCalls({ now: new Date(call.expires_at.getTime() - 1000) });
    expect(await notificationsOf(creator.id)).toEqual([]);
    const later = new Date(call.expires_at.getTime() + 1000);
    await sweepCalls({ now: later });
    await sweepCalls({ now: later });
    const forCreator = await notificationsOf(creator.id);
    const forFan = await notificationsOf(fan.id);
    expect(forCreator).toEqual([expect.objectContaining({ kind: 'call_missed', target_id: call.id })]);
    expect(forCreator[0]?.title).toContain('You missed a video call request');
    expect(forFan).toEqual([expect.objectContaining({ kind: 'call_missed', target_id: call.id })]);
    expect(await mailTo(creator.username)).toHaveLength(1);
    expect(await mailTo(fan.username)).toHaveLength(1);
  });
});
