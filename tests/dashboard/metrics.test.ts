import { describe, expect, it } from 'vitest';
import { asService } from '@/lib/db/tx';
import { activity, as, makeGuild, makeUser, member, messages, rollup } from './helpers';

/**
 * The metric definitions on small hand-built guilds, with exact expected lists. All dates are in March
 * 2026 (in the past, so "today" never cuts a window short). Each message scores 1 (default weights).
 */

const names = (rows: { user_id: string }[]) => rows.map((r) => r.user_id);

describe('local days follow the guild timezone', () => {
  it('an event at 23:30 UTC counts on the next local day in Asia/Tokyo, on the same day in UTC', async () => {
    const admin = await makeUser('admin');
    const tokyo = await makeGuild(admin, 'Asia/Tokyo');
    const utc = await makeGuild(admin, 'UTC');
    for (const g of [tokyo, utc]) {
      await member(g, 'late_owl');
      await messages(g, 'late_owl', '2026-03-01T23:30:00Z');
      await rollup(g);
    }
    const top = (g: string, day: string) =>
      as<{ user_id: string; score: string }>(
        admin,
        'select * from public.dash_top_members($1, $2::date, $2::date)',
        [g, day],
      );
    expect(names((await top(tokyo, '2026-03-01')).rows)).toEqual([]);
    expect(names((await top(tokyo, '2026-03-02')).rows)).toEqual(['late_owl']);
    expect(names((await top(utc, '2026-03-01')).rows)).toEqual(['late_owl']);
    expect(names((await top(utc, '2026-03-02')).rows)).toEqual([]);

    // Changing the timezone rebuilds the local days.
    const upd = await as(admin, `select public.dash_update_guild($1, 'Renamed', 'UTC')`, [tokyo]);
    expect(upd.code).toBeUndefined();
    expect(names((await top(tokyo, '2026-03-01')).rows)).toEqual(['late_owl']);
    expect(names((await top(tokyo, '2026-03-02')).rows)).toEqual([]);
  });

  it('the poller rollup (discord.rollup_scores) refreshes the local-day rollup too', async () => {
    const admin = await makeUser('admin');
    const g = await makeGuild(admin, 'America/New_York');
    await member(g, 'nyc');
    // 02:00 UTC on 3 March is still 2 March in New York.
    await messages(g, 'nyc', '2026-03-03T02:00:00Z', 3);
    await asService((db) => db.query(`select discord.rollup_scores($1, '2026-03-03')`, [g]));
    const r = await as<{ day: string; score: string }>(
      admin,
      `select day::text, score from public.dash_daily_scores($1, '2026-03-02', '2026-03-03') where score > 0`,
      [g],
    );
    expect(r.rows).toEqual([{ day: '2026-03-02', score: '3.000' }]);
  });
});

describe('Top 10', () => {
  it('lists the ten highest scores of the range (ties by id) with a zero-filled daily series', async () => {
    const admin = await makeUser('admin');
    const g = await makeGuild(admin);
    for (let i = 1; i <= 12; i++) {
      const id = `u${String(i).padStart(2, '0')}`;
      await member(g, id);
      await activity(g, id, { '2026-03-02': i, '2026-03-04': i === 12 ? 1 : 0 });
    }
    await member(g, 'outside');
    await activity(g, 'outside', { '2026-02-28': 100, '2026-03-05': 100 });
    await rollup(g);
    const r = await as<{ rank: number; user_id: string; score: string; series: string[] }>(
      admin,
      `select rank, user_id, score, series from public.dash_top_members($1, '2026-03-01', '2026-03-04')`,
      [g],
    );
    expect(names(r.rows)).toEqual(['u12', 'u11', 'u10', 'u09', 'u08', 'u07', 'u06', 'u05', 'u04', 'u03']);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.rows[0]?.score).toBe('13.000');
    expect(r.rows[0]?.series.map(Number)).toEqual([0, 12, 0, 1]);
    expect(r.rows[1]?.series.map(Number)).toEqual([0, 11, 0, 0]);
  });
});

describe('Rising Stars', () => {
  async function guild() {
    const admin = await makeUser('admin');
    const g = await makeGuild(admin);
    const data: Record<string, Record<string, number>> = {
      big: { '2026-03-02': 20, '2026-03-09': 40 }, // +20 (+100%)
      up: { '2026-03-03': 5, '2026-03-10': 20 }, // +15 (+300%)
      fresh: { '2026-03-11': 12 }, // +12, no prior activity: "new"
      tiny: { '2026-03-11': 9 }, // below the floor of 10
      flat: { '2026-03-04': 15, '2026-03-12': 15 }, // no growth
      down: { '2026-03-05': 30, '2026-03-13': 10 }, // fell
      early: { '2026-02-20': 50, '2026-03-14': 11 }, // activity before the previous window does not count
    };
    for (const [u, days] of Object.entries(data)) {
      await member(g, u);
      await activity(g, u, days);
    }
    await rollup(g);
    return { admin, g };
  }

  it('ranks by absolute growth vs the previous 7 days, floor 10 points, members with no prior activity included', async () => {
    const { admin, g } = await guild();
    const r = await as<{
      user_id: string;
      score: string;
      previous_score: string;
      growth: string;
      growth_pct: string | null;
      total_count: number;
    }>(admin, `select * from public.dash_rising_stars($1, '2026-03-08', '2026-03-14')`, [g]);
    expect(names(r.rows)).toEqual(['big', 'up', 'fresh', 'early']);
    expect(
      r.rows.map((x) => [Number(x.growth), x.growth_pct === null ? null : Number(x.growth_pct)]),
    ).toEqual([
      [20, 100],
      [15, 300],
      [12, null],
      [11, null],
    ]);
    expect(r.rows[0]?.total_count).toBe(4);
  });

  it('ranks by percent growth on request (new members last), and honours a custom floor', async () => {
    const { admin, g } = await guild();
    const pct = await as<{ user_id: string }>(
      admin,
      `select * from public.dash_rising_stars($1, '2026-03-08', '2026-03-14', 10, 'percent')`,
      [g],
    );
    expect(names(pct.rows)).toEqual(['up', 'big', 'fresh', 'early']);
    const floor = await as<{ user_id: string }>(
      admin,
      `select * from public.dash_rising_stars($1, '2026-03-08', '2026-03-14', 20)`,
      [g],
    );
    expect(names(floor.rows)).toEqual(['big', 'up']);
    const bad = await as(
      admin,
      `select * from public.dash_rising_stars($1, '2026-03-08', '2026-03-14', 10, 'sideways')`,
      [g],
    );
    expect(bad.code).toBe('CO422');
  });
});

describe('Churn Radar', () => {
  async function guild(tz = 'UTC') {
    const admin = await makeUser('admin');
    const g = await makeGuild(admin, tz);
    // 2026-03-15 is a Sunday: last full week 9–15 March, the week before 2–8 March.
    const data: Record<string, Record<string, number>> = {
      dropper: { '2026-03-03': 20, '2026-03-10': 5, '2026-03-20': 1 }, // −75%, seen again later
      gone: { '2026-03-04': 12 }, // −100%
      half: { '2026-03-05': 20, '2026-03-11': 10 }, // exactly −50%: not more than half
      small: { '2026-03-06': 8 }, // below the prior-activity floor
      newcomer: { '2026-03-12': 10 }, // no prior activity
      steady: { '2026-03-02': 10, '2026-03-09': 10 },
    };
    for (const [u, days] of Object.entries(data)) {
      await member(g, u);
      await activity(g, u, days);
    }
    return { admin, g };
  }

  it('last full week vs the week before: drop > 50%, prior ≥ 10, with the last-seen day', async () => {
    const { admin, g } = await guild();
    await rollup(g);
    for (const to of ['2026-03-15', '2026-03-18', '2026-03-21']) {
      const r = await as<{
        user_id: string;
        prior_week: string;
        last_week: string;
        change_pct: string;
        last_seen: string;
      }>(
        admin,
        `select user_id, prior_week, last_week, change_pct, last_seen::text from public.dash_churn_radar($1, $2::date)`,
        [g, to],
      );
      expect(
        r.rows.map((x) => [
          x.user_id,
          Number(x.prior_week),
          Number(x.last_week),
          Number(x.change_pct),
          x.last_seen,
        ]),
      ).toEqual([
        ['gone', 12, 0, -100, '2026-03-04'],
        ['dropper', 20, 5, -75, '2026-03-20'],
      ]);
    }
    const weeks = await as<{ week_start: string; prior_start: string }>(
      admin,
      `select week_start::text, prior_start::text from public.dash_churn_weeks($1, '2026-03-22')`,
      [g],
    );
    expect(weeks.rows).toEqual([{ week_start: '2026-03-16', prior_start: '2026-03-09' }]);
  });

  it('weeks are local: activity at 23:30 UTC on Sunday belongs to Monday in Tokyo', async () => {
    const { admin, g } = await guild('Asia/Tokyo');
    await member(g, 'owl');
    // Sunday 8 March 23:30 UTC = Monday 9 March 08:30 in Tokyo: the last week, not the prior one.
    await messages(g, 'owl', '2026-03-08T23:30:00Z', 12);
    await messages(g, 'owl', '2026-03-02T03:00:00Z', 12);
    await rollup(g);
    const r = await as<{ user_id: string }>(
      admin,
      `select user_id from public.dash_churn_radar($1, '2026-03-15')`,
      [g],
    );
    expect(names(r.rows)).toEqual(['gone', 'dropper']);
  });
});

describe('Star Scouter', () => {
  it('joined in the 30 days up to the range end and ranked in the top 10% by score (ties included)', async () => {
    const admin = await makeUser('admin');
    const g = await makeGuild(admin);
    // Range 1–30 March; the 30 days before its end start at 2026-03-01T00:00Z.
    const joined: Record<string, [string | null, number]> = {
      s1: ['2026-03-20T00:00:00Z', 50],
      s6: ['2026-02-28T23:59:00Z', 45], // 30 days and a minute before the end: not new
      s2: ['2025-01-01T00:00:00Z', 40],
      s3: ['2026-03-10T00:00:00Z', 40],
      s4: ['2026-03-25T00:00:00Z', 30], // new but rank 5
      unknown: [null, 60], // join date unknown: not scouted
      quiet: ['2026-03-29T00:00:00Z', 0], // new, no activity
    };
    for (const [u, [at, n]] of Object.entries(joined)) {
      await member(g, u, at);
      if (n) await activity(g, u, { '2026-03-15': n });
    }
    for (let i = 1; i <= 15; i++) {
      await member(g, `f${i}`);
      await activity(g, `f${i}`, { '2026-03-16': i });
    }
    await rollup(g);
    // 21 active members → the top 10% is rank ≤ ceil(2.1) = 3: unknown 1, s1 2, s6 3, s2/s3 4.
    const r = await as<{ user_id: string; activity_rank: number; active_members: number }>(
      admin,
      `select * from public.dash_star_scouter($1, '2026-03-01', '2026-03-30')`,
      [g],
    );
    expect(r.rows.map((x) => [x.user_id, x.activity_rank, x.active_members])).toEqual([['s1', 2, 21]]);

    // With 30 more small members, ceil(5.1) = 6: s3 (rank 4, tied with s2) and s4 (rank 6) are in.
    for (let i = 16; i <= 45; i++) {
      await member(g, `f${i}`);
      await activity(g, `f${i}`, { '2026-03-17': 1 });
    }
    await rollup(g);
    const wider = await as<{ user_id: string }>(
      admin,
      `select * from public.dash_star_scouter($1, '2026-03-01', '2026-03-30')`,
      [g],
    );
    expect(names(wider.rows)).toEqual(['s1', 's3', 's4']);
  });
});

describe('Campaign lift', () => {
  it('lift % vs the equal-length period just before; null with an empty baseline or before it starts', async () => {
    const admin = await makeUser('admin');
    const g = await makeGuild(admin);
    await member(g, 'a');
    await member(g, 'b');
    // Baseline 7–9 March: 30 points; campaign 10–12 March: 45 points.
    await activity(g, 'a', { '2026-03-07': 10, '2026-03-08': 5, '2026-03-10': 20, '2026-03-12': 10 });
    await activity(g, 'b', { '2026-03-09': 15, '2026-03-11': 15, '2026-03-13': 99 });
    await rollup(g);
    const ins = await as(
      admin,
      `insert into public.guild_campaigns (guild_id, name, starts_on, ends_on) values
         ($1, 'Spring push', '2026-03-10', '2026-03-12'),
         ($1, 'Cold start', '2026-03-07', '2026-03-07'),
         ($1, 'Next year', '2099-01-01', '2099-01-10')`,
      [g],
    );
    expect(ins.code).toBeUndefined();
    const r = await as<{
      name: string;
      measured_days: number;
      during_score: string;
      baseline_score: string;
      lift_pct: string | null;
      status: string;
    }>(
      admin,
      'select name, measured_days, during_score, baseline_score, lift_pct, status from public.dash_campaigns($1)',
      [g],
    );
    expect(
      r.rows.map((x) => [
        x.name,
        x.measured_days,
        Number(x.during_score),
        Number(x.baseline_score),
        x.lift_pct === null ? null : Number(x.lift_pct),
        x.status,
      ]),
    ).toEqual([
      ['Next year', 0, 0, 0, null, 'upcoming'],
      ['Spring push', 3, 45, 30, 50, 'ended'],
      ['Cold start', 1, 10, 0, null, 'ended'],
    ]);
  });

  it('rejects an end before the start and ranges over a year (check constraint → nothing stored)', async () => {
    const admin = await makeUser('admin');
    const g = await makeGuild(admin);
    const back = await as(
      admin,
      `insert into public.guild_campaigns (guild_id, name, starts_on, ends_on) values ($1, 'x', '2026-03-10', '2026-03-09')`,
      [g],
    );
    expect(back.code).toBe('23514');
    const long = await as(
      admin,
      `insert into public.guild_campaigns (guild_id, name, starts_on, ends_on) values ($1, 'x', '2026-01-01', '2027-06-01')`,
      [g],
    );
    expect(long.code).toBe('23514');
    const n = await as(admin, 'select * from public.guild_campaigns where guild_id = $1', [g]);
    expect(n.rows).toEqual([]);
  });
});

describe('range validation', () => {
  it('refuses an inverted or over-long range with CO422', async () => {
    const admin = await makeUser('admin');
    const g = await makeGuild(admin);
    const inverted = await as(
      admin,
      `select * from public.dash_top_members($1, '2026-03-10', '2026-03-01')`,
      [g],
    );
    expect(inverted.code).toBe('CO422');
    const long = await as(admin, `select * from public.dash_star_scouter($1, '2025-01-01', '2026-03-01')`, [
      g,
    ]);
    expect(long.code).toBe('CO422');
  });
});
