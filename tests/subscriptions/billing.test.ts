import { describe, expect, it } from 'vitest';
import { asService, asUser } from '@/lib/db/tx';
import { balanceOf, earningsOf } from '../calls/helpers';
import { failure, sqlstate } from '../ledger/helpers';
import {
  charges,
  creatorWithFans,
  getSub,
  ledgerProblems,
  makeDue,
  renewDue,
  saveTier,
  subscribe,
  subscriptionTransfers,
} from './helpers';

/** Subscription billing in SQL: first period at subscribe, renewals per period, grace, expiry, price changes. */

const DAY = 24 * 3600 * 1000;

describe('tiers', () => {
  it('a creator has at most 5 tiers (SQL-enforced), levels 1..5 unique; fans cannot create tiers', async () => {
    const { creator, fans } = await creatorWithFans([0], []);
    for (let level = 1; level <= 5; level++)
      await saveTier(creator, { level, name: `T${level}`, price: level * 10 });
    expect(await sqlstate(saveTier(creator, { level: 3, name: 'Sixth', price: 10 }))).toBe('CO409');
    // Even the service role writing the table directly cannot break the cap: level is 1..5 and unique.
    expect(
      await sqlstate(
        asService((db) =>
          db.query(
            `insert into public.subscription_tiers (creator_id, level, name, price) values ($1, 6, 'x', 1)`,
            [creator.id],
          ),
        ),
      ),
    ).toBe('23514');
    const fan = fans[0];
    if (!fan) throw new Error('no fan');
    expect(await sqlstate(saveTier(fan, { level: 1, name: 'Nope', price: 10 }))).toBe('CO403');
    const first = (
      await asService((db) =>
        db.query<{ id: string }>(
          'select id from public.subscription_tiers where creator_id = $1 and level = 1',
          [creator.id],
        ),
      )
    ).rows[0];
    expect(await sqlstate(saveTier(creator, { id: first?.id, level: 1, name: 'Free', price: 0 }))).toBe(
      '23514',
    );
  });
});

describe('subscribe', () => {
  it('charges the first period now: creator share + platform fee; fan sees it, strangers do not', async () => {
    const { creator, fans, tiers } = await creatorWithFans([500, 0]);
    const [fan, stranger] = fans;
    const tier = tiers[0];
    if (!fan || !stranger || !tier) throw new Error('setup');
    const sub = await subscribe(fan, tier.id);
    expect(sub.status).toBe('active');
    expect(sub.period_index).toBe(0);
    expect(await balanceOf(fan)).toBe(450);
    expect(await earningsOf(creator)).toBe(40); // 20% fee on 50
    expect(await charges(sub.id)).toEqual([{ period_index: 0, amount: 50, fee: 10 }]);
    const seen = await asUser(stranger.claims, (db) => db.query('select id from public.subscriptions'));
    expect(seen.rowCount).toBe(0);
    const own = await asUser(fan.claims, (db) => db.query('select id from public.subscriptions'));
    expect(own.rowCount).toBe(1);
    // Direct writes are not granted to users.
    expect(
      await sqlstate(
        asUser(fan.claims, (db) =>
          db.query(`update public.subscriptions set status = 'active' where id = $1`, [sub.id]),
        ),
      ),
    ).toBe('42501');
    expect(await ledgerProblems()).toEqual([]);
  });

  it('no tokens → CO402 and nothing is created; twice → CO409; self → CO422; inactive tier → CO404', async () => {
    const { creator, fans, tiers } = await creatorWithFans([10, 500]);
    const [poor, rich] = fans;
    const tier = tiers[0];
    if (!poor || !rich || !tier) throw new Error('setup');
    const e = await failure(subscribe(poor, tier.id));
    expect(e.code).toBe('CO402');
    const none = await asService((db) =>
      db.query('select 1 from public.subscriptions where fan_id = $1', [poor.id]),
    );
    expect(none.rowCount).toBe(0);
    expect(await balanceOf(poor)).toBe(10);
    await subscribe(rich, tier.id);
    expect(await sqlstate(subscribe(rich, tier.id))).toBe('CO409');
    expect(await sqlstate(subscribe(creator, tier.id))).toBe('CO422');
    await asService((db) =>
      db.query('update public.subscription_tiers set active = false where id = $1', [tier.id]),
    );
    expect(await sqlstate(subscribe(poor, tier.id))).toBe('CO404');
  });

  it('member cap: the cap-th subscriber gets in, the next is refused, even when racing', async () => {
    const { fans, tiers } = await creatorWithFans([500, 500, 500, 500], [{ name: 'Tiny', price: 5, cap: 2 }]);
    const tier = tiers[0];
    if (!tier) throw new Error('setup');
    const results = await Promise.all(fans.map((f) => sqlstate(subscribe(f, tier.id))));
    expect(results.filter((r) => r === 'resolved')).toHaveLength(2);
    expect(results.filter((r) => r === 'CO409')).toHaveLength(2);
  });
});

describe('renewal', () => {
  it('is idempotent per period even when two runs race; the next period costs one more charge', async () => {
    const { fans, tiers } = await creatorWithFans([1000]);
    const [fan] = fans;
    const tier = tiers[0];
    if (!fan || !tier) throw new Error('setup');
    const sub = await subscribe(fan, tier.id);
    const end = new Date('2030-03-01T00:00:00Z');
    await makeDue(sub.id, end);
    const now = new Date(end.getTime() + 3600_000);
    const [a, b] = await Promise.all([
      asService((db) => renewDue(db, now)),
      asService((db) => renewDue(db, now)),
    ]);
    const outcomes = [...a, ...b].filter((x) => x.subscription_id === sub.id).map((x) => x.outcome);
    expect(outcomes).toEqual(['renewed']);
    // Running again at the same time changes nothing.
    expect((await asService((db) => renewDue(db, now))).filter((x) => x.subscription_id === sub.id)).toEqual(
      [],
    );
    expect(await charges(sub.id)).toEqual([
      { period_index: 0, amount: 50, fee: 10 },
      { period_index: 1, amount: 50, fee: 10 },
    ]);
    expect(await subscriptionTransfers(sub.id)).toBe(2);
    const after = await getSub(sub.id);
    expect(after.period_index).toBe(1);
    expect(after.current_period_start.toISOString()).toBe(end.toISOString());
    expect(after.current_period_end.toISOString()).toBe('2030-04-01T00:00:00.000Z');
    expect(await balanceOf(fan)).toBe(900);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('insufficient tokens → 3-day grace with access, then expired; topping up during grace renews', async () => {
    const { fans, tiers } = await creatorWithFans([60, 60]);
    const [late, payer] = fans;
    const tier = tiers[0];
    if (!late || !payer || !tier) throw new Error('setup');
    const s1 = await subscribe(late, tier.id);
    const s2 = await subscribe(payer, tier.id);
    const end = new Date('2030-05-01T00:00:00Z');
    await makeDue(s1.id, end);
    await makeDue(s2.id, end);
    const r = await asService((db) => renewDue(db, new Date(end.getTime() + 60_000)));
    expect(r.filter((x) => [s1.id, s2.id].includes(x.subscription_id)).map((x) => x.outcome)).toEqual([
      'grace',
      'grace',
    ]);
    const g = await getSub(s1.id);
    expect(g.status).toBe('grace');
    expect(g.grace_until?.toISOString()).toBe('2030-05-04T00:00:00.000Z');
    // Access continues during grace.
    const level = async (at: Date) =>
      asService(async (db) => {
        const x = await db.query<{ l: number }>('select private.subscription_level($1, $2, $3) as l', [
          late.id,
          tier && g.creator_id,
          at,
        ]);
        return x.rows[0]?.l;
      });
    expect(await level(new Date(end.getTime() + 2 * DAY))).toBe(1);
    expect(await level(new Date(end.getTime() + 3 * DAY + 1))).toBe(0);
    // Day 2: still no money → still grace, no charge.
    expect(
      (await asService((db) => renewDue(db, new Date(end.getTime() + 2 * DAY)))).filter(
        (x) => x.subscription_id === s1.id,
      ),
    ).toEqual([]);
    // The payer tops up on day 2 and is renewed for the period that started at the old end.
    const { buyTokens } = await import('../ledger/helpers');
    await buyTokens(payer, 100);
    const day2 = await asService((db) => renewDue(db, new Date(end.getTime() + 2 * DAY + 1000)));
    expect(day2.filter((x) => x.subscription_id === s2.id).map((x) => x.outcome)).toEqual(['renewed']);
    const renewed = await getSub(s2.id);
    expect(renewed.status).toBe('active');
    expect(renewed.grace_until).toBeNull();
    expect(renewed.current_period_start.toISOString()).toBe(end.toISOString());
    // Day 3 + 1 s: grace over → expired, no charge ever made for period 1.
    const day3 = await asService((db) => renewDue(db, new Date(end.getTime() + 3 * DAY + 1000)));
    expect(day3.filter((x) => x.subscription_id === s1.id).map((x) => x.outcome)).toEqual(['expired']);
    const ex = await getSub(s1.id);
    expect(ex.status).toBe('expired');
    expect(ex.end_reason).toBe('unpaid');
    expect(await charges(s1.id)).toHaveLength(1);
    expect(await ledgerProblems()).toEqual([]);
  });

  it('cancel keeps access until the period end, then expires without a charge; resubscribe resumes', async () => {
    const { creator, fans, tiers } = await creatorWithFans([1000, 1000]);
    const [fan, other] = fans;
    const tier = tiers[0];
    if (!fan || !other || !tier) throw new Error('setup');
    const sub = await subscribe(fan, tier.id);
    const canceled = await asUser(fan.claims, async (db) => {
      const r = await db.query('select * from public.cancel_subscription($1)', [sub.id]);
      return r.rows[0];
    });
    expect(canceled.cancel_at_period_end).toBe(true);
    expect(canceled.status).toBe('active');
    // Someone else cannot cancel it.
    expect(
      await sqlstate(
        asUser(other.claims, (db) => db.query('select public.cancel_subscription($1)', [sub.id])),
      ),
    ).toBe('CO404');
    const level = (at: Date) =>
      asService(async (db) => {
        const x = await db.query<{ l: number }>('select private.subscription_level($1, $2, $3) as l', [
          fan.id,
          creator.id,
          at,
        ]);
        return x.rows[0]?.l;
      });
    const s = await getSub(sub.id);
    expect(await level(new Date(s.current_period_end.getTime() - 1000))).toBe(1);
    expect(await level(new Date(s.current_period_end.getTime() + 1000))).toBe(0);
    // Resubscribing to the same tier before the end resumes it without a new charge.
    const resumed = await subscribe(fan, tier.id);
    expect(resumed.id).toBe(sub.id);
    expect(resumed.cancel_at_period_end).toBe(false);
    expect(await charges(sub.id)).toHaveLength(1);
    // Cancel again and let the period end: expired, not charged.
    await asUser(fan.claims, (db) => db.query('select public.cancel_subscription($1)', [sub.id]));
    const end = new Date('2030-07-01T00:00:00Z');
    await makeDue(sub.id, end);
    const r = await asService((db) => renewDue(db, new Date(end.getTime() + 1000)));
    expect(r.filter((x) => x.subscription_id === sub.id).map((x) => x.outcome)).toEqual(['expired']);
    expect((await getSub(sub.id)).end_reason).toBe('canceled');
    expect(await charges(sub.id)).toHaveLength(1);
    // A new subscription after expiry is a new lifecycle, charged again.
    const again = await subscribe(fan, tier.id);
    expect(again.id).not.toBe(sub.id);
    expect(await charges(again.id)).toHaveLength(1);
  });

  it('a price change applies to the next period only', async () => {
    const { creator, fans, tiers } = await creatorWithFans([1000]);
    const [fan] = fans;
    const tier = tiers[0];
    if (!fan || !tier) throw new Error('setup');
    const sub = await subscribe(fan, tier.id);
    const changed = await asUser(creator.claims, async (db) => {
      const r = await db.query<{ previous_price: number }>(
        `select previous_price from public.save_subscription_tier($1, 1, 'Supporter', 80, 'perks')`,
        [tier.id],
      );
      return r.rows[0];
    });
    expect(changed?.previous_price).toBe(50);
    // The current period keeps its price.
    expect((await getSub(sub.id)).price).toBe(50);
    expect(await balanceOf(fan)).toBe(950);
    const end = new Date('2030-09-01T00:00:00Z');
    await makeDue(sub.id, end);
    await asService((db) => renewDue(db, new Date(end.getTime() + 1000)));
    expect(await charges(sub.id)).toEqual([
      { period_index: 0, amount: 50, fee: 10 },
      { period_index: 1, amount: 80, fee: 16 },
    ]);
    expect((await getSub(sub.id)).price).toBe(80);
    expect(await balanceOf(fan)).toBe(870);
  });

  it('refund by the creator returns the period to the fan and ends access', async () => {
    const { creator, fans, tiers } = await creatorWithFans([1000]);
    const [fan] = fans;
    const tier = tiers[0];
    if (!fan || !tier) throw new Error('setup');
    const sub = await subscribe(fan, tier.id);
    expect(
      await sqlstate(
        asUser(fan.claims, (db) => db.query(`select public.refund_subscription($1, 'because')`, [sub.id])),
      ),
    ).toBe('CO404');
    await asUser(creator.claims, (db) =>
      db.query(`select public.refund_subscription($1, 'asked nicely')`, [sub.id]),
    );
    expect(await balanceOf(fan)).toBe(1000);
    expect(await earningsOf(creator)).toBe(0);
    expect((await getSub(sub.id)).status).toBe('refunded');
    expect(
      await sqlstate(
        asUser(creator.claims, (db) => db.query(`select public.refund_subscription($1, 'twice')`, [sub.id])),
      ),
    ).toBe('CO409');
    expect(await ledgerProblems()).toEqual([]);
  });
});
