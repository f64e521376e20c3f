import { describe, expect, it } from 'vitest';
import { asService, asUser } from '@/lib/db/tx';
import { makeUsers, sqlstate } from '../ledger/helpers';
import { acceptedCall, type CallRow, creatorAndFans } from './helpers';

/** The call state machine and bookings through the functions users call (RLS and grants in force). */

const request = (
  fan: { claims: never } | { claims: import('@/lib/db/tx').Claims },
  creatorId: string,
  kind = 'video',
) =>
  asUser(
    fan.claims,
    async (db) =>
      (await db.query<CallRow>('select * from public.request_call($1, $2)', [creatorId, kind]))
        .rows[0] as CallRow,
  );

describe('requesting a call', () => {
  it('needs a minute of tokens, an offered kind, an available creator, and one open call per fan', async () => {
    const { creator, fans } = await creatorAndFans([100, 5, 0], { voiceRate: null });
    const [rich, poor, broke] = fans;
    if (!rich || !poor || !broke) throw new Error('fans');
    expect(await sqlstate(request(poor, creator.id))).toBe('CO402');
    expect(await sqlstate(request(broke, creator.id))).toBe('CO402');
    expect(await sqlstate(request(rich, creator.id, 'voice'))).toBe('CO422');
    expect(await sqlstate(request(rich, rich.id))).toBe('CO422');
    const call = await request(rich, creator.id);
    expect(call.status).toBe('requested');
    expect(call.rate).toBe(10);
    expect(await sqlstate(request(rich, creator.id))).toBe('CO409');
    await asUser(creator.claims, (db) => db.query(`select public.set_call_settings(10, null, false, 'UTC')`));
    const { fans: others } = await creatorAndFans([100]);
    const other = others[0];
    if (!other) throw new Error('fan');
    expect(await sqlstate(request(other, creator.id))).toBe('CO409'); // not available now
  });

  it('a fan cannot call someone who is not a creator, and a banned fan cannot call', async () => {
    const [notCreator, banned] = await makeUsers([
      { username: 'plain_fan_x' },
      { username: 'banned_fan_x', banned: true },
    ]);
    const { creator, fans } = await creatorAndFans([100]);
    if (!notCreator || !banned || !fans[0]) throw new Error('users');
    expect(await sqlstate(request(fans[0], notCreator.id))).toBe('CO404');
    expect(await sqlstate(request(banned, creator.id))).toBe('CO403');
    expect(
      await sqlstate(
        asUser(null, (db) => db.query('select public.request_call($1, $2)', [creator.id, 'video'])),
      ),
    ).toBe('42501');
  });
});

describe('answering, joining, ending', () => {
  it('only the creator answers; only participants see or touch a call', async () => {
    const { creator, fans } = await creatorAndFans([100, 100]);
    const [fan, stranger] = fans;
    if (!fan || !stranger) throw new Error('fans');
    const call = await request(fan, creator.id);
    expect(
      await sqlstate(asUser(fan.claims, (db) => db.query('select public.answer_call($1, true)', [call.id]))),
    ).toBe('CO403');
    expect(
      await sqlstate(
        asUser(stranger.claims, (db) => db.query('select public.answer_call($1, true)', [call.id])),
      ),
    ).toBe('CO403');
    expect(
      await sqlstate(asUser(stranger.claims, (db) => db.query('select public.end_call($1)', [call.id]))),
    ).toBe('CO403');
    expect(
      await sqlstate(
        asUser(stranger.claims, (db) => db.query('select * from public.call_state($1)', [call.id])),
      ),
    ).toBe('CO403');
    expect(
      await sqlstate(
        asUser(fan.claims, (db) => db.query('select * from public.call_state(gen_random_uuid())')),
      ),
    ).toBe('CO404');
    const seen = await asUser(stranger.claims, (db) =>
      db.query('select id from public.calls where id = $1', [call.id]),
    );
    expect(seen.rowCount).toBe(0);
    const direct = await sqlstate(
      asUser(fan.claims, (db) => db.query(`update public.calls set rate = 1 where id = $1`, [call.id])),
    );
    expect(direct).toBe('42501');
    const accepted = await asUser(
      creator.claims,
      async (db) =>
        (await db.query<CallRow>('select * from public.answer_call($1, true)', [call.id])).rows[0],
    );
    expect(accepted?.status).toBe('accepted');
    expect(
      await sqlstate(
        asUser(creator.claims, (db) => db.query('select public.answer_call($1, false)', [call.id])),
      ),
    ).toBe('CO409');
  });

  it('an expired request cannot be accepted; the sweep marks it expired', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0];
    if (!fan) throw new Error('fan');
    const call = await request(fan, creator.id);
    await asService((db) =>
      db.query(`update public.calls set expires_at = now() - interval '1 second' where id = $1`, [call.id]),
    );
    expect(
      await sqlstate(
        asUser(creator.claims, (db) => db.query('select public.answer_call($1, true)', [call.id])),
      ),
    ).toBe('CO409');
    const expired = await asService((db) =>
      db.query('select call_id, status from private.expire_call_requests(clock_timestamp())'),
    );
    expect(expired.rows).toEqual([{ call_id: call.id, status: 'expired' }]);
  });

  it('joining starts billing only when both have joined; ending twice is harmless', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0];
    if (!fan) throw new Error('fan');
    const call = await acceptedCall(fan, creator);
    const afterFan = await asUser(
      fan.claims,
      async (db) => (await db.query<CallRow>('select * from public.join_call($1)', [call.id])).rows[0],
    );
    expect(afterFan?.status).toBe('accepted');
    expect(afterFan?.connected_at).toBeNull();
    const afterBoth = await asUser(
      creator.claims,
      async (db) => (await db.query<CallRow>('select * from public.join_call($1)', [call.id])).rows[0],
    );
    expect(afterBoth?.status).toBe('connected');
    expect(afterBoth?.held_minutes).toBe(1);
    const ended = await asUser(
      fan.claims,
      async (db) => (await db.query<CallRow>('select * from public.end_call($1)', [call.id])).rows[0],
    );
    expect(ended?.status).toBe('ended');
    expect(ended?.end_reason).toBe('fan_ended');
    expect(ended?.billed_minutes).toBe(0); // well within the 10-second grace
    const again = await asUser(
      creator.claims,
      async (db) => (await db.query<CallRow>('select * from public.end_call($1)', [call.id])).rows[0],
    );
    expect(again?.end_reason).toBe('fan_ended');
    expect(
      await sqlstate(asUser(fan.claims, (db) => db.query('select public.join_call($1)', [call.id]))),
    ).toBe('CO409');
    const renew = await asUser(
      fan.claims,
      async (db) =>
        (await db.query('select funded, (call_row).status from public.renew_call($1)', [call.id])).rows[0],
    );
    expect(renew).toEqual({ funded: false, status: 'ended' });
  });

  it('a creator takes one call at a time', async () => {
    const { creator, fans } = await creatorAndFans([100, 100]);
    const [a, b] = fans;
    if (!a || !b) throw new Error('fans');
    await acceptedCall(a, creator);
    const second = await request(b, creator.id);
    expect(
      await sqlstate(
        asUser(creator.claims, (db) => db.query('select public.answer_call($1, true)', [second.id])),
      ),
    ).toBe('CO409');
  });
});

describe('renewing funds the next minute ahead', () => {
  it('holds at most the current and the next minute, and says when the wallet cannot', async () => {
    const { creator, fans } = await creatorAndFans([15]);
    const fan = fans[0];
    if (!fan) throw new Error('fan');
    const call = await acceptedCall(fan, creator);
    await asUser(fan.claims, (db) => db.query('select public.join_call($1)', [call.id]));
    await asUser(creator.claims, (db) => db.query('select public.join_call($1)', [call.id]));
    const renew = async () =>
      asUser(
        fan.claims,
        async (db) =>
          (
            await db.query<{ funded: boolean; held: number }>(
              'select funded, (call_row).held_minutes as held from public.renew_call($1)',
              [call.id],
            )
          ).rows[0],
      );
    expect(await renew()).toEqual({ funded: false, held: 1 }); // 5 tokens left: the next minute (10) cannot be held
    await asService((db) =>
      db.query(
        `select * from ledger.apply_stripe_purchase('evt_r', 'cs_r', $1, 'starter', 100, 100, 'usd', 'pi_r')`,
        [fan.id],
      ),
    );
    expect(await renew()).toEqual({ funded: true, held: 2 });
    expect(await renew()).toEqual({ funded: true, held: 2 }); // never more than current + next
  });
});

describe('booking a slot', () => {
  it('two fans racing for one slot: exactly one gets it', async () => {
    const { creator, fans } = await creatorAndFans([100, 100, 100, 100]);
    // Every day, all day, in the creator's zone.
    await asUser(creator.claims, (db) =>
      db.query('select * from public.set_call_availability($1)', [
        JSON.stringify([0, 1, 2, 3, 4, 5, 6].map((d) => ({ weekday: d, start: '00:00', end: '24:00' }))),
      ]),
    );
    const slots = await asUser(null, (db) =>
      db.query<{ starts_at: Date }>('select starts_at from public.call_slots($1, 3)', [creator.id]),
    );
    const slot = slots.rows[10]?.starts_at;
    if (!slot) throw new Error('no slot');
    const results = await Promise.all(
      fans.map((f) =>
        sqlstate(
          asUser(f.claims, (db) =>
            db.query('select public.book_call($1, $2, $3)', [creator.id, slot, 'video']),
          ),
        ),
      ),
    );
    expect(results.filter((r) => r === 'resolved')).toHaveLength(1);
    expect(results.filter((r) => r === 'CO409')).toHaveLength(3);
    const taken = await asUser(null, (db) =>
      db.query<{ booked: boolean }>('select booked from public.call_slots($1, 3) where starts_at = $2', [
        creator.id,
        slot,
      ]),
    );
    expect(taken.rows[0]?.booked).toBe(true);
  });

  it('refuses a time that is not an open slot, and a fan without a minute of tokens', async () => {
    const { creator, fans } = await creatorAndFans([100, 3]);
    const [fan, poor] = fans;
    if (!fan || !poor) throw new Error('fans');
    await asUser(creator.claims, (db) =>
      db.query('select * from public.set_call_availability($1)', [
        JSON.stringify([{ weekday: 1, start: '09:00', end: '10:00' }]),
      ]),
    );
    const odd = new Date(Date.now() + 3 * 86_400_000 + 7 * 60_000).toISOString();
    expect(
      await sqlstate(
        asUser(fan.claims, (db) =>
          db.query('select public.book_call($1, $2, $3)', [creator.id, odd, 'video']),
        ),
      ),
    ).toBe('CO422');
    const slots = await asUser(null, (db) =>
      db.query<{ starts_at: Date }>('select starts_at from public.call_slots($1, 14)', [creator.id]),
    );
    expect(slots.rows.length).toBeGreaterThan(0); // two Mondays' 09:00 and 09:30 within 14 days
    const first = slots.rows[0]?.starts_at;
    expect(
      await sqlstate(
        asUser(poor.claims, (db) =>
          db.query('select public.book_call($1, $2, $3)', [creator.id, first, 'video']),
        ),
      ),
    ).toBe('CO402');
  });

  it('availability windows are validated: no overlaps, start before end', async () => {
    const { creator } = await creatorAndFans([]);
    const set = (w: unknown) =>
      asUser(creator.claims, (db) =>
        db.query('select * from public.set_call_availability($1)', [JSON.stringify(w)]),
      );
    expect(
      await sqlstate(
        set([
          { weekday: 1, start: '09:00', end: '11:00' },
          { weekday: 1, start: '10:00', end: '12:00' },
        ]),
      ),
    ).toBe('CO422');
    expect(await sqlstate(set([{ weekday: 1, start: '11:00', end: '10:00' }]))).toBe('CO422');
    expect(await sqlstate(set([{ weekday: 7, start: '09:00', end: '10:00' }]))).toBe('CO422');
    expect(
      await sqlstate(
        set([
          { weekday: 1, start: '09:00', end: '11:00' },
          { weekday: 2, start: '10:00', end: '12:00' },
        ]),
      ),
    ).toBe('resolved');
  });
});
