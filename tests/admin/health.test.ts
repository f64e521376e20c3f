import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../discord/fake-discord';
import { sql } from './helpers';

/**
 * The health checks against real local HTTP servers standing in for each provider: a good answer, an
 * error answer (its message must reach the tile) and a server that never answers (the timeout).
 */
const { checkAbly, checkAnthropic, checkDiscord, checkInngest, checkPostmark, checkStripe } = await import(
  '@/lib/admin/health/checks'
);
const { checkPollers, runHealthChecks, POLLER_STALE_MS } = await import('@/lib/admin/health/run-health');

const fake = new FakeDiscord();
let base = '';
// Requests that never get an answer; released at the end so the server can close.
const hung: (() => void)[] = [];
const hang = () =>
  new Promise<{ status: number }>((resolve) => {
    hung.push(() => resolve({ status: 200 }));
  });

beforeAll(async () => {
  await fake.start();
  base = fake.url.replace(/\/api\/v10$/, '');
});
afterAll(async () => {
  for (const release of hung) release();
  await fake.stop();
});

const cases = [
  {
    name: 'Discord (GET /users/@me with the bot token)',
    run: (baseUrl: string, timeoutMs?: number) =>
      checkDiscord({ baseUrl: `${baseUrl}/api/v10`, key: 'bot-token-1', timeoutMs }),
    route: 'GET /users/@me',
    ok: { body: { id: '1', username: 'communityos-bot', bot: true } },
    okMessage: 'Bot token valid (@communityos-bot)',
    bad: { status: 401, body: { message: '401: Unauthorized', code: 0 } },
    badMessage: /401.*Unauthorized/,
    authHeader: ['authorization', 'Bot bot-token-1'],
  },
  {
    name: 'Anthropic (GET /v1/models)',
    run: (baseUrl: string, timeoutMs?: number) => checkAnthropic({ baseUrl, key: 'sk-ant-test', timeoutMs }),
    route: 'GET /v1/models',
    ok: { body: { data: [{ id: 'claude-haiku-4-5' }] } },
    okMessage: 'API key accepted (1 model listed)',
    bad: {
      status: 401,
      body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
    },
    badMessage: 'HTTP 401: invalid x-api-key',
    authHeader: ['x-api-key', 'sk-ant-test'],
  },
  {
    name: 'Stripe (GET /v1/balance)',
    run: (baseUrl: string, timeoutMs?: number) => checkStripe({ baseUrl, key: 'sk_test_123', timeoutMs }),
    route: 'GET /v1/balance',
    ok: { body: { object: 'balance', livemode: false } },
    okMessage: 'Secret key accepted (test mode)',
    bad: { status: 401, body: { error: { message: 'Invalid API Key provided: sk_test_***123' } } },
    badMessage: 'HTTP 401: Invalid API Key provided: sk_test_***123',
    authHeader: ['authorization', 'Bearer sk_test_123'],
  },
  {
    name: 'Ably (GET /stats)',
    run: (baseUrl: string, timeoutMs?: number) => checkAbly({ baseUrl, key: 'app.key:secret', timeoutMs }),
    route: 'GET /stats',
    ok: { body: [] },
    okMessage: 'API key accepted',
    bad: { status: 401, body: { error: { message: 'Invalid key in request', code: 40101 } } },
    badMessage: 'HTTP 401: Invalid key in request',
    authHeader: ['authorization', `Basic ${Buffer.from('app.key:secret').toString('base64')}`],
  },
  {
    name: 'Inngest (GET /v1/events)',
    run: (baseUrl: string, timeoutMs?: number) => checkInngest({ baseUrl, key: 'signkey-test-1', timeoutMs }),
    route: 'GET /v1/events',
    ok: { body: { data: [] } },
    okMessage: 'Signing key accepted',
    bad: { status: 500, body: { error: 'internal error' } },
    badMessage: 'HTTP 500: internal error',
    authHeader: ['authorization', 'Bearer signkey-test-1'],
  },
  {
    name: 'Postmark (GET /server)',
    run: (baseUrl: string, timeoutMs?: number) => checkPostmark({ baseUrl, key: 'pm-token', timeoutMs }),
    route: 'GET /server',
    ok: { body: { Name: 'CommunityOS' } },
    okMessage: 'Server token accepted (CommunityOS)',
    bad: {
      status: 401,
      body: {
        ErrorCode: 10,
        Message: 'The Server Token you provided in the X-Postmark-Server-Token request header was invalid.',
      },
    },
    badMessage: /Server Token you provided/,
    authHeader: ['x-postmark-server-token', 'pm-token'],
  },
];

describe.each(cases)('$name', (c) => {
  it('ok: green with a latency, the credential sent in its header', async () => {
    fake.reset();
    fake.on(c.route, () => c.ok);
    const r = await c.run(base);
    expect(r).toMatchObject({ status: 'ok', mode: 'managed', message: c.okMessage });
    expect(typeof r.latencyMs).toBe('number');
    const [header, value] = c.authHeader as [string, string];
    expect(fake.requests.at(-1)?.headers[header]).toBe(value);
  });

  it('error answer: red with the provider’s message', async () => {
    fake.reset();
    fake.on(c.route, () => c.bad);
    const r = await c.run(base);
    expect(r.status).toBe('fail');
    expect(r.latencyMs).toBeNull();
    expect(r.message).toMatch(c.badMessage);
  });

  it('no answer: red with a timeout message', async () => {
    fake.reset();
    fake.on(c.route, hang);
    const r = await c.run(base, 150);
    expect(r).toMatchObject({ status: 'fail', message: 'No answer within 150 ms (timed out)' });
  });

  it('nothing listening: red with the connection error', async () => {
    const r = await c.run('http://127.0.0.1:9', 2000);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/ECONNREFUSED|fetch failed|connect/i);
  });
});

describe('poller freshness per guild', () => {
  it('no tracked channels → not configured; fresh → ok; stale or never → failing with why', async () => {
    expect((await checkPollers(5000))[0]).toMatchObject({ id: 'poller', status: 'off' });
    await sql(
      `insert into discord.channels (channel_id, guild_id, last_polled_at) values
         ('c1', 'g_fresh', now() - interval '1 minute'), ('c2', 'g_fresh', null),
         ('c3', 'g_stale', now() - interval '1 hour'),
         ('c4', 'g_never', null)`,
    );
    const now = Date.now();
    const byId = Object.fromEntries((await checkPollers(5000, now)).map((r) => [r.id, r]));
    expect(byId['poller:g_fresh']).toMatchObject({
      status: 'ok',
      message: expect.stringMatching(/^Last successful run 1 min ago .*2 channels tracked/),
    });
    expect(byId['poller:g_stale']).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/60 min ago.*late: expected every 2 min/),
    });
    expect(byId['poller:g_never']).toMatchObject({
      status: 'fail',
      message: 'Never polled successfully (1 channel tracked)',
    });
    expect(POLLER_STALE_MS).toBe(6 * 60 * 1000);
  });
});

describe('the whole run in local mode', () => {
  it('Postgres is checked for real; local adapters say so; Discord without keys is “not configured”', async () => {
    const results = await runHealthChecks(5000);
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    // Tests point DATABASE_URL at their own database, so Postgres counts as "managed" here.
    expect(byId.postgres).toMatchObject({
      status: 'ok',
      message: expect.stringMatching(/^Connected \(PostgreSQL 17/),
    });
    expect(byId.stripe).toMatchObject({
      status: 'ok',
      mode: 'local',
      message: 'Local adapter: local checkout',
    });
    expect(byId.ably).toMatchObject({
      status: 'ok',
      mode: 'local',
      message: 'Local adapter: in-process SSE bus',
    });
    expect(byId.anthropic?.message).toMatch(/^Local adapter: rule-based classifier/);
    expect(byId.agora?.message).toMatch(/^Local adapter: simulated call UI/);
    expect(byId.postmark).toMatchObject({
      status: 'ok',
      message: expect.stringMatching(/^Local adapter: outbox table/),
    });
    expect(byId.discord).toMatchObject({
      status: 'off',
      message: expect.stringMatching(/^Not configured: /),
    });
    // No scheduler runs inside the test process: the tile says exactly that instead of pretending.
    expect(byId.inngest).toMatchObject({
      status: 'fail',
      mode: 'local',
      message: expect.stringMatching(/scheduler is not running/),
    });
  });
});
