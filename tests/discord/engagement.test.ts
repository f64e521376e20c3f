import { beforeAll, describe, expect, it, vi } from 'vitest';
import { nextHeadersMock } from '../helpers/next-headers';
import { FakeGuild } from './fake-guild';
import {
  interactionRequest,
  intOpt,
  member,
  slash,
  snowflake,
  strOpt,
  TEST_GUILD_ID,
  userOpt,
} from './helpers';
import { fake } from './setup';

vi.mock('next/headers', () => nextHeadersMock());
vi.mock('next/server', async (importOriginal) => (await import('./helpers')).nextServerMock(importOriginal));

const { POST } = await import('@/app/api/discord/interactions/route');
const { getPool } = await import('@/lib/db/pool');
const { DiscordRest } = await import('@/lib/discord/rest');
const { pollDiscord } = await import('@/lib/discord/engagement/poll');
const { rollupScores, snapshotLeaderboards } = await import('@/lib/discord/engagement/rollup');

const HOUR = 3600_000;
const q = async (sql: string, params: unknown[] = []) => (await getPool()).query(sql, params);
const count = async (sql: string, params: unknown[] = []) => Number((await q(sql, params)).rows[0].n);

const CH_A = '1810000000000000001';
const CH_B = '1810000000000000002';
const THREAD = '1810000000000000003';
const guild = new FakeGuild(
  TEST_GUILD_ID,
  [
    { id: CH_A, type: 0 },
    { id: CH_B, type: 0 },
    { id: '1810000000000000009', type: 2 }, // voice: not tracked
  ],
  [{ id: THREAD, type: 11 }],
);

const alice = { id: '1900000000000000001', username: 'alice' };
const bob = { id: '1900000000000000002', username: 'bob' };
const carol = { id: '1900000000000000003', username: 'carol' };
const botUser = { id: '1900000000000000009', username: 'somebot', bot: true };
const people = [alice, bob, carol];

const rest = () => new DiscordRest({ baseUrl: fake.url, token: 't', sleep: async () => {} });
const poll = (now: Date, reactionBudget = 40) => pollDiscord({ rest: rest(), now, reactionBudget });
const stored = () =>
  count('select count(*)::int as n from discord.messages where guild_id = $1', [TEST_GUILD_ID]);
const scoredMessages = () =>
  count('select coalesce(sum(messages), 0)::int as n from discord.score_daily where guild_id = $1', [
    TEST_GUILD_ID,
  ]);

const start = Date.now() - 2 * 24 * HOUR;

beforeAll(async () => {
  fake.reset();
  guild.install(fake);
  await q('insert into discord.guild_settings (guild_id) values ($1) on conflict (guild_id) do nothing', [
    TEST_GUILD_ID,
  ]);
});

describe('poller: cursors, backfill, no loss, no double count', () => {
  it('first run backfills every channel and thread from the beginning', async () => {
    for (let n = 0; n < 250; n++) guild.post(CH_A, people[n % 3] as typeof alice, start + n * 60_000);
    for (let n = 0; n < 30; n++) guild.post(CH_B, people[(n + 1) % 3] as typeof alice, start + n * 90_000);
    for (let n = 0; n < 5; n++) guild.post(THREAD, carol, start + n * 1000);
    guild.post(CH_A, botUser, start + 10);
    const r = await poll(new Date(start + 12 * HOUR));
    expect(r.guilds[0]?.errors).toEqual([]);
    expect(await stored()).toBe(guild.total());
    const channels = await q(
      'select channel_id, kind, cursor from discord.channels where guild_id = $1 order by channel_id',
      [TEST_GUILD_ID],
    );
    expect(channels.rows.map((c) => [c.channel_id, c.kind])).toEqual([
      [CH_A, 'text'],
      [CH_B, 'text'],
      [THREAD, 'thread'],
    ]);
    const newestA = guild.messages
      .get(CH_A)
      ?.map((m) => BigInt(m.id))
      .reduce((a, b) => (a > b ? a : b));
    expect(channels.rows[0].cursor).toBe(String(newestA));
    expect(await scoredMessages()).toBe(guild.total((m) => !m.author.bot));
  });

  it('after a simulated 3-hour outage (with a 429 and a failed page on the way) it catches up exactly', async () => {
    const outageStart = start + 13 * HOUR;
    for (let n = 0; n < 180; n++) guild.post(CH_A, people[n % 3] as typeof alice, outageStart + n * 60_000); // 3 h, 1/min
    for (let n = 0; n < 45; n++) guild.post(CH_B, people[n % 3] as typeof alice, outageStart + n * 240_000);
    guild.rateLimitOnce = CH_A;
    // A page fails half-way through channel A: the batches before it are kept with their cursor.
    guild.failNextMessagesPage = 2;
    const now = new Date(outageStart + 3 * HOUR + 60_000);
    const first = await poll(now, 0);
    expect(first.guilds[0]?.errors.join()).toMatch(/502/);
    const partial = await stored();
    expect(partial).toBeLessThan(guild.total());
    expect(guild.rateLimitOnce).toBeNull();
    const second = await poll(now);
    expect(second.guilds[0]?.errors).toEqual([]);
    expect(await stored()).toBe(guild.total());
    const third = await poll(now);
    expect(third.guilds[0]?.inserted).toBe(0);
    expect(await stored()).toBe(guild.total());
    expect(
      await count(
        'select count(*)::int as n from (select id from discord.messages group by id having count(*) > 1) d',
      ),
    ).toBe(0);
    expect(await scoredMessages()).toBe(guild.total((m) => !m.author.bot));
  });

  it('a 429 with retry_after on the messages route is waited out (real sleep) and the page is fetched', async () => {
    guild.rateLimitOnce = CH_B;
    guild.post(CH_B, alice, start + 20 * HOUR);
    const before = guild.pageRequests;
    const mark = fake.requests.length;
    const r = await pollDiscord({
      rest: new DiscordRest({ baseUrl: fake.url, token: 't' }),
      now: new Date(start + 20 * HOUR + 60_000),
    });
    expect(r.guilds[0]?.errors).toEqual([]);
    expect(guild.rateLimitOnce).toBeNull();
    const retried = fake.requests.slice(mark).filter((x) => x.path === `/channels/${CH_B}/messages`);
    expect((retried[1]?.at ?? 0) - (retried[0]?.at ?? 0)).toBeGreaterThanOrEqual(45);
    expect(guild.pageRequests - before).toBeGreaterThan(1);
    expect(await stored()).toBe(guild.total());
  });
});

describe('reactions: credited to reactors within a per-run budget, idempotent', () => {
  it('credits reactors of recent messages, leaves what exceeds the budget for the next run', async () => {
    const now = start + 22 * HOUR;
    const msgs = Array.from({ length: 6 }, (_, n) => guild.post(CH_A, alice, now - HOUR + n * 1000));
    for (const m of msgs) {
      guild.react(m, '👍', bob.id);
      guild.react(m, '👍', carol.id);
      guild.react(m, '🎉', bob.id);
    }
    // Budget 8: about half refreshes counts, the rest credits a few (message, emoji) pairs.
    const r1 = await poll(new Date(now), 8);
    const g1 = r1.guilds[0];
    expect(g1?.reactionRequests).toBeLessThanOrEqual(8);
    expect(g1?.reactionsPending).toBeGreaterThan(0);
    const partial = await count('select count(*)::int as n from discord.reactions');
    expect(partial).toBeLessThan(18);
    // Later runs finish the job; repeated runs add nothing.
    for (let n = 0; n < 6; n++) await poll(new Date(now), 8);
    expect(await count('select count(*)::int as n from discord.reactions')).toBe(18);
    await poll(new Date(now), 40);
    expect(await count('select count(*)::int as n from discord.reactions')).toBe(18);
    expect(await count(`select count(*)::int as n from discord.reactions where user_id = $1`, [bob.id])).toBe(
      12,
    );
    const day = new Date(now - HOUR).toISOString().slice(0, 10);
    const bobDay = await q(
      'select reactions from discord.score_daily where guild_id = $1 and user_id = $2 and day = $3',
      [TEST_GUILD_ID, bob.id, day],
    );
    expect(bobDay.rows[0]?.reactions).toBe(12);
  });

  it('a removed reaction is uncredited on the next pass', async () => {
    const now = start + 23 * HOUR;
    const m = guild.post(CH_A, alice, now - 1000);
    guild.react(m, '🔥', bob.id);
    guild.react(m, '🔥', carol.id);
    await poll(new Date(now));
    expect(
      await count('select count(*)::int as n from discord.reactions where message_id = $1', [m.id]),
    ).toBe(2);
    guild.reactors.set(`${m.id}|🔥`, [bob.id]);
    m.reactions = [{ count: 1, emoji: { id: null, name: '🔥' } }];
    await poll(new Date(now));
    expect(
      await count('select count(*)::int as n from discord.reactions where message_id = $1', [m.id]),
    ).toBe(1);
  });
});

describe('Community Score rollup (SQL, guild weights)', () => {
  it('score = messages × 1 + reactions given × 0.5 by default; weights are a guild setting', async () => {
    const g = '1990000000000000001';
    const pool = await getPool();
    const day = '2026-03-04';
    const mid = () => snowflake();
    for (let n = 0; n < 4; n++) {
      await pool.query(
        `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, created_at) values ($1, $2, 'c', 'u1', 'u1', $3)`,
        [mid(), g, `${day}T10:0${n}:00Z`],
      );
    }
    await pool.query(
      `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, is_bot, created_at) values ($1, $2, 'c', 'b', 'b', true, $3)`,
      [mid(), g, `${day}T11:00:00Z`],
    );
    for (const emoji of ['a', 'b', 'c']) {
      await pool.query(
        `insert into discord.reactions (message_id, emoji, user_id, guild_id, channel_id, reacted_at) values ('m1', $1, 'u1', $2, 'c', $3)`,
        [emoji, g, `${day}T12:00:00Z`],
      );
    }
    await rollupScores(g, new Date(`${day}T00:00:00Z`));
    await rollupScores(g, new Date(`${day}T00:00:00Z`)); // twice: no double count
    const row = (
      await q(
        'select messages, reactions, score::float8 as score from discord.score_daily where guild_id = $1 and user_id = $2',
        [g, 'u1'],
      )
    ).rows;
    expect(row).toEqual([{ messages: 4, reactions: 3, score: 5.5 }]);
    expect(
      await count('select count(*)::int as n from discord.score_daily where guild_id = $1 and user_id = $2', [
        g,
        'b',
      ]),
    ).toBe(0);
    await q(
      'update discord.guild_settings set weight_messages = 2, weight_reactions = 1 where guild_id = $1',
      [g],
    );
    await rollupScores(g, new Date(`${day}T00:00:00Z`));
    expect(
      (await q('select score::float8 as score from discord.score_daily where guild_id = $1', [g])).rows[0]
        .score,
    ).toBe(11);
  });
});

describe('/score and /leaderboard', () => {
  const call = async (payload: unknown) => {
    const res = await POST(interactionRequest(payload));
    expect(res.status).toBe(200);
    return (await res.json()) as { type: number; data: { content: string; flags?: number } };
  };

  it('/score shows score, rank, counts and the 7-day trend (own and another member)', async () => {
    const g = TEST_GUILD_ID;
    const today = new Date();
    const d = (ago: number) => new Date(today.getTime() - ago * 24 * HOUR).toISOString().slice(0, 10);
    await q('delete from discord.score_daily where guild_id = $1', [g]);
    const rows: [string, string, number, number][] = [
      [alice.id, d(0), 10, 2],
      [alice.id, d(3), 4, 0],
      [alice.id, d(9), 2, 0],
      [bob.id, d(1), 30, 4],
      [carol.id, d(2), 1, 0],
    ];
    for (const [u, day, m, r] of rows) {
      await q(
        'insert into discord.score_daily (guild_id, user_id, day, messages, reactions, score) values ($1, $2, $3, $4::int, $5::int, $4::int + $5::int * 0.5)',
        [g, u, day, m, r],
      );
    }
    const me = member('alice', { id: alice.id } as never);
    const mine = await call(slash('score', { ...me, id: alice.id }));
    expect(mine.data.flags).toBe(64);
    expect(mine.data.content).toContain(`<@${alice.id}> — Community Score **17**`);
    expect(mine.data.content).toContain('rank **#2** of 3');
    expect(mine.data.content).toContain('Messages: 16 · Reactions given: 2');
    expect(mine.data.content).toContain('Last 7 days: 15 (▲ +13 vs the 7 days before)');
    const other = await call(slash('score', member('x'), [userOpt('member', bob.id)]));
    expect(other.data.content).toContain(`<@${bob.id}> — Community Score **32**`);
    expect(other.data.content).toContain('rank **#1** of 3');
    const nobody = await call(slash('score', member('y')));
    expect(nobody.data.content).toContain('Community Score **0** · not ranked yet');
  });

  it('/leaderboard week|month|all shows the top 10; past weeks come from the snapshot taken at period end', async () => {
    const g = TEST_GUILD_ID;
    await q('delete from discord.score_daily where guild_id = $1', [g]);
    const now = new Date();
    const monday = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)),
    );
    const lastWeek = new Date(monday.getTime() - 7 * 24 * HOUR).toISOString().slice(0, 10);
    for (let n = 0; n < 12; n++) {
      await q(
        'insert into discord.score_daily (guild_id, user_id, day, messages, reactions, score) values ($1, $2, $3, $4::int, 0, $4::int)',
        [g, `20000000000000000${String(n).padStart(2, '0')}`, lastWeek, n + 1],
      );
    }
    await q(
      'insert into discord.score_daily (guild_id, user_id, day, messages, reactions, score) values ($1, $2, $3, 7, 2, 8)',
      [g, alice.id, monday.toISOString().slice(0, 10)],
    );
    expect(await snapshotLeaderboards(g, now)).toBeGreaterThan(0);
    expect(await snapshotLeaderboards(g, now)).toBe(0); // once per period

    const week = await call(slash('leaderboard', member('viewer'), [strOpt('period', 'week')]));
    expect(week.data.content).toContain('this week');
    expect(week.data.content).toContain(`1. <@${alice.id}> — **8** (7 msgs, 2 reactions)`);
    const all = await call(slash('leaderboard', member('viewer'), [strOpt('period', 'all')]));
    const lines = all.data.content.split('\n').slice(1);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain('— **12**');

    // The board resets; history does not vanish even if the live rows change later.
    await q('update discord.score_daily set score = 0 where guild_id = $1 and day = $2', [g, lastWeek]);
    const past = await call(
      slash('leaderboard', member('viewer'), [strOpt('period', 'week'), intOpt('ago', 1)]),
    );
    expect(past.data.content).toContain(`week of ${lastWeek} (final)`);
    const pastLines = past.data.content.split('\n').slice(1);
    expect(pastLines).toHaveLength(10);
    expect(pastLines[0]).toContain('1. <@2000000000000000011> — **12**');
    const none = await call(
      slash('leaderboard', member('viewer'), [strOpt('period', 'month'), intOpt('ago', 5)]),
    );
    expect(none.data.content).toMatch(/No month board was recorded/);
  });
});

describe('jobs and the kill switch', () => {
  it('the poller and the member sync make no Discord request while the bot is paused', async () => {
    const { setBotPaused } = await import('@/lib/discord/bot-state');
    const { syncMembers } = await import('@/lib/discord/engagement/sync-members');
    await setBotPaused(true, 'maintenance');
    try {
      const before = fake.requests.length;
      expect(await poll(new Date())).toEqual({
        skipped: 'the bot is paused by an administrator',
        guilds: [],
      });
      expect(await syncMembers(rest())).toMatchObject({ skipped: 'the bot is paused by an administrator' });
      expect(fake.requests.length).toBe(before);
    } finally {
      await setBotPaused(false, 'maintenance done');
    }
  });

  it('member sync stores username and joined_at from GET /guilds/{id}/members', async () => {
    const { syncMembers } = await import('@/lib/discord/engagement/sync-members');
    fake.on(`GET /guilds/${TEST_GUILD_ID}/members`, (req) => ({
      body:
        req.query.get('after') === '0'
          ? [
              {
                user: { id: '2800000000000000001', username: 'newbie_nora' },
                joined_at: '2026-02-03T04:05:06.000000+00:00',
                roles: [],
              },
              {
                user: { id: '2800000000000000002', username: 'a_bot', bot: true },
                joined_at: '2026-02-03T04:05:06.000000+00:00',
                roles: [],
              },
            ]
          : [],
    }));
    const r = await syncMembers(rest());
    expect(r.members).toBeGreaterThanOrEqual(1);
    const row = await q(
      'select username, joined_at from discord.members where guild_id = $1 and user_id = $2',
      [TEST_GUILD_ID, '2800000000000000001'],
    );
    expect(row.rows[0].username).toBe('newbie_nora');
    expect((row.rows[0].joined_at as Date).toISOString()).toBe('2026-02-03T04:05:06.000Z');
    expect(
      await count('select count(*)::int as n from discord.members where user_id = $1', [
        '2800000000000000002',
      ]),
    ).toBe(0);
  });
});
