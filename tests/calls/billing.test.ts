import { describe, expect, it } from 'vitest';
import { asService } from '@/lib/db/tx';
import {
  balanceOf,
  connectedCall,
  creatorAndFans,
  earningsOf,
  endAt,
  getCall,
  ledgerOk,
  minuteRows,
  ruleMinutes,
  settle,
} from './helpers';

/** The billing rule on frozen database time (the private functions take the time as a parameter). */

const RATE = 10; // tokens per minute; platform fee 20 % → 2 per minute, creator 8

describe('billing rule: total = rate × rule(ended_at − connected_at)', () => {
  const durations = [0, 10, 11, 59, 60, 61, 119, 120, 121, 3599, 3600, 30_001];

  it.each(durations)('%i s with a tick at every minute boundary', async (seconds) => {
    const minutes = ruleMinutes(seconds);
    const { creator, fans } = await creatorAndFans([minutes * RATE + 2 * RATE]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const before = await balanceOf(fan);
    const call = await connectedCall(fan, creator);
    const ended = await asService(async (db) => {
      for (let s = 60; s <= seconds; s += 60) await settle(db, call.id, s);
      return endAt(db, call.id, seconds);
    });
    expect(ended.status).toBe('ended');
    expect(ended.end_reason).toBe('fan_ended');
    expect(ended.billed_minutes).toBe(minutes);
    expect(Number(ended.total)).toBe(minutes * RATE);
    expect(Number(ended.platform_fee)).toBe(minutes * 2);
    expect(Number(ended.creator_share)).toBe(minutes * 8);
    expect(before - (await balanceOf(fan))).toBe(minutes * RATE);
    expect(await earningsOf(creator)).toBe(minutes * 8);
    expect((await minuteRows(call.id)).map((m) => m.minute_index)).toEqual([...Array(minutes).keys()]);
    expect(await ledgerOk()).toEqual([]);
  });

  it.each([0, 10, 11, 60, 61, 245, 3599])(
    '%i s with every tick lost: the end settles the same total',
    async (seconds) => {
      const minutes = ruleMinutes(seconds);
      const { creator, fans } = await creatorAndFans([minutes * RATE + RATE]);
      const fan = fans[0];
      if (!fan) throw new Error('no fan');
      const call = await connectedCall(fan, creator);
      const ended = await asService((db) => endAt(db, call.id, seconds));
      expect(ended.billed_minutes).toBe(minutes);
      expect(Number(ended.total)).toBe(minutes * RATE);
      expect(await ledgerOk()).toEqual([]);
    },
  );

  it('a call that ends within the 10-second grace costs nothing and returns the held minute', async () => {
    const { creator, fans } = await creatorAndFans([50]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const call = await connectedCall(fan, creator);
    expect(await balanceOf(fan)).toBe(40); // one minute held on connect
    await asService((db) => endAt(db, call.id, 10));
    expect(await balanceOf(fan)).toBe(50);
    expect(await minuteRows(call.id)).toEqual([]);
  });
});

describe('funds running out', () => {
  it('ends at the end of the last paid minute with insufficient_funds', async () => {
    const { creator, fans } = await creatorAndFans([35]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const call = await connectedCall(fan, creator);
    const after = await asService(async (db) => {
      await settle(db, call.id, 60);
      await settle(db, call.id, 120);
      return settle(db, call.id, 181); // boundary 3: minute 2 paid, minute 3 cannot be held
    });
    expect(after.status).toBe('ended');
    expect(after.end_reason).toBe('insufficient_funds');
    expect(after.ended_at?.toISOString()).toBe('2030-01-01T00:03:00.000Z');
    expect(after.billed_minutes).toBe(3);
    expect(Number(after.total)).toBe(30);
    expect(await balanceOf(fan)).toBe(5);
    // Ending afterwards (a participant's button, a late sweep) changes nothing.
    const again = await asService((db) => endAt(db, call.id, 400));
    expect(again.total).toBe(after.total);
    expect(await ledgerOk()).toEqual([]);
  });

  it('with every tick lost, the end walks the boundaries and stops where the money stopped', async () => {
    const { creator, fans } = await creatorAndFans([25]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const call = await connectedCall(fan, creator);
    const ended = await asService((db) => endAt(db, call.id, 300));
    expect(ended.end_reason).toBe('insufficient_funds');
    expect(ended.ended_at?.toISOString()).toBe('2030-01-01T00:02:00.000Z');
    expect(Number(ended.total)).toBe(20);
    expect(await balanceOf(fan)).toBe(5);
  });

  it('a wallet emptied between request and connect ends the call at once, at no cost', async () => {
    const { creator, fans } = await creatorAndFans([10]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const { acceptedCall, T0 } = await import('./helpers');
    const call = await acceptedCall(fan, creator);
    await asService((db) =>
      db.query(`select * from ledger.tip($1, $2, 10, null, 'drain')`, [fan.id, creator.id]),
    );
    const connected = await asService(async (db) => {
      await db.query('update public.calls set fan_joined_at = $2, creator_joined_at = $2 where id = $1', [
        call.id,
        T0,
      ]);
      return (await db.query('select * from private.call_connect($1, $2)', [call.id, T0])).rows[0];
    });
    expect(connected.status).toBe('ended');
    expect(connected.end_reason).toBe('insufficient_funds');
    expect(Number(connected.total)).toBe(0);
  });
});

describe('ticks: duplicated, late, after the end, racing the end', () => {
  it('duplicate ticks settle a minute once', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const call = await connectedCall(fan, creator);
    await asService(async (db) => {
      for (let i = 0; i < 3; i++) await settle(db, call.id, 61);
    });
    await Promise.all([0, 1, 2, 3].map(() => asService((db) => settle(db, call.id, 65))));
    expect((await minuteRows(call.id)).length).toBe(1);
    expect(await balanceOf(fan)).toBe(80); // minute 0 paid, minute 1 held
    const c = await getCall(call.id);
    expect([c.posted_minutes, c.held_minutes]).toEqual([1, 2]);
  });

  it('a tick after the end changes nothing', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const call = await connectedCall(fan, creator);
    const ended = await asService((db) => endAt(db, call.id, 30));
    const later = await asService((db) => settle(db, call.id, 500));
    expect(later.total).toBe(ended.total);
    expect(Number(later.total)).toBe(10);
    expect(await balanceOf(fan)).toBe(90);
  });

  it('an end earlier than time already paid at boundaries is moved to the paid frontier', async () => {
    const { creator, fans } = await creatorAndFans([100]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const call = await connectedCall(fan, creator);
    await asService((db) => settle(db, call.id, 185)); // 3 minutes paid
    const ended = await asService((db) => endAt(db, call.id, 100, 'no_heartbeat'));
    expect(ended.ended_at?.toISOString()).toBe('2030-01-01T00:03:00.000Z');
    expect(ended.billed_minutes).toBe(3);
    expect(Number(ended.total)).toBe(30);
  });

  it.each([1, 2, 3, 4, 5, 6])('end racing a tick on separate connections (round %i)', async (round) => {
    const { creator, fans } = await creatorAndFans([1000]);
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    const call = await connectedCall(fan, creator);
    const endSec = 60 * round + (round % 2 ? 0 : 7);
    await Promise.all([
      asService((db) => settle(db, call.id, endSec + 1)),
      asService((db) => endAt(db, call.id, endSec)),
      asService((db) => settle(db, call.id, endSec)),
    ]);
    const c = await getCall(call.id);
    expect(c.status).toBe('ended');
    const seconds = Math.floor(((c.ended_at?.getTime() ?? 0) - (c.connected_at?.getTime() ?? 0)) / 1000);
    expect(Number(c.total)).toBe(RATE * ruleMinutes(seconds));
    expect(1000 - (await balanceOf(fan))).toBe(Number(c.total));
    expect(await ledgerOk()).toEqual([]);
  });
});
