import { MessageFlags } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { interactionRequest, type Loose, member, slash } from '../discord/helpers';
import { nextHeadersMock } from '../helpers/next-headers';
import { auditRows, jsonRequest, makeUser, signInAs, sql, type TestUser } from './helpers';

vi.mock('next/headers', () => nextHeadersMock());
vi.mock('next/server', async (importOriginal) =>
  (await import('../discord/helpers')).nextServerMock(importOriginal),
);
await import('../discord/setup');

const { POST: interactions } = await import('@/app/api/discord/interactions/route');
const { POST: botRoute, GET: botGet } = await import('@/app/api/admin/bot/route');
const { POST: flushRoute, GET: flushGet } = await import('@/app/api/admin/cache/flush/route');
const { rateLimiter } = await import('@/lib/adapters/rate-limit');

let admin: TestUser;
let fan: TestUser;
beforeAll(async () => {
  admin = await makeUser('admin');
  fan = await makeUser('fan');
});

async function interact(username: string): Promise<Loose> {
  const res = await interactions(interactionRequest(slash('link', member(username))));
  expect(res.status).toBe(200);
  return res.json();
}

describe('panic button: pause / resume the Discord bot', () => {
  it('pause → the next signed interaction gets the paused reply; resume → it runs normally; both audited', async () => {
    await signInAs(admin);
    expect((await interact('before_pause')).data.content).toMatch(/link code/);

    const paused = await botRoute(
      jsonRequest('/api/admin/bot', { paused: true, reason: 'incident: spam wave' }),
    );
    expect(paused.status).toBe(200);
    expect((await paused.json()).bot).toMatchObject({ paused: true, reason: 'incident: spam wave' });

    const reply = await interact('during_pause');
    expect(reply.data).toMatchObject({
      content: 'CommunityOS is paused by an administrator',
      flags: MessageFlags.Ephemeral,
    });
    expect(await sql(`select 1 from discord.link_codes where discord_username = 'during_pause'`)).toEqual([]);

    const resumed = await botRoute(
      jsonRequest('/api/admin/bot', { paused: false, reason: 'spam wave over' }),
    );
    expect(resumed.status).toBe(200);
    expect((await interact('after_resume')).data.content).toMatch(/link code/);

    expect(await auditRows('discord.pause')).toEqual([
      {
        actor_id: admin.id,
        target_id: null,
        reason: 'incident: spam wave',
        before: { paused: false },
        after: { paused: true },
      },
    ]);
    expect(await auditRows('discord.resume')).toEqual([
      {
        actor_id: admin.id,
        target_id: null,
        reason: 'spam wave over',
        before: { paused: true },
        after: { paused: false },
      },
    ]);
    expect((await (await botGet(jsonRequest('/api/admin/bot'))).json()).bot.paused).toBe(false);
  });

  it.each([
    ['no reason', { paused: true }],
    ['a reason that is too short', { paused: true, reason: 'x ' }],
    ['paused not a boolean', { paused: 'yes', reason: 'because' }],
  ])('%s → 422 and the bot keeps running', async (_n, body) => {
    await signInAs(admin);
    const res = await botRoute(jsonRequest('/api/admin/bot', body));
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('VALIDATION_ERROR');
    expect(await sql('select paused from discord.bot_state')).toEqual([{ paused: false }]);
  });

  it('a fan cannot pause the bot (403) and nothing is audited', async () => {
    await signInAs(fan);
    const before = (await sql('select count(*)::int as n from public.admin_audit_log'))[0];
    const res = await botRoute(jsonRequest('/api/admin/bot', { paused: true, reason: 'let me try' }));
    expect(res.status).toBe(403);
    expect(await sql('select paused from discord.bot_state')).toEqual([{ paused: false }]);
    expect((await sql('select count(*)::int as n from public.admin_audit_log'))[0]).toEqual(before);
  });
});

describe('panic button: flush cache', () => {
  it('says what it flushes, really clears the rate-limit store, and is audited with before/after', async () => {
    await signInAs(admin);
    const targets = (await (await flushGet(jsonRequest('/api/admin/cache/flush'))).json())
      .targets as string[];
    expect(targets.join(' ')).toMatch(/Rate-limit counters held in this server’s memory/);
    expect(targets.join(' ')).toMatch(/Discord REST client state/);

    const limiter = await rateLimiter();
    // Exhaust a limit: the third attempt is refused…
    await limiter.limit('test:flush', 2, 60_000);
    await limiter.limit('test:flush', 2, 60_000);
    expect((await limiter.limit('test:flush', 2, 60_000)).success).toBe(false);

    const res = await flushRoute(
      jsonRequest('/api/admin/cache/flush', { reason: 'users locked out after outage' }),
    );
    expect(res.status).toBe(200);
    const { flushed } = await res.json();
    expect(flushed.rateLimitKeys).toBeGreaterThanOrEqual(1);
    // …and allowed again after the flush.
    expect((await limiter.limit('test:flush', 2, 60_000)).success).toBe(true);

    const rows = await auditRows('cache.flush');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: admin.id,
      reason: 'users locked out after outage',
      before: { rate_limit_keys: flushed.rateLimitKeys, adapter: 'in-memory' },
      after: { rate_limit_keys: 0, discord_rest: 'reset', adapter: 'in-memory' },
    });
  });

  it('a fan cannot flush (403) and the counters stay', async () => {
    const limiter = await rateLimiter();
    await limiter.limit('test:keep', 1, 60_000);
    await signInAs(fan);
    const res = await flushRoute(jsonRequest('/api/admin/cache/flush', { reason: 'please flush' }));
    expect(res.status).toBe(403);
    expect((await limiter.limit('test:keep', 1, 60_000)).success).toBe(false);
  });
});
