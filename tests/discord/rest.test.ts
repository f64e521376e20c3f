import { describe, expect, it } from 'vitest';
import { fake } from './setup';

const { DiscordRest, DiscordApiError, routeKey } = await import('@/lib/discord/rest');
const { registerCommands } = await import('@/lib/discord/register-commands');
const { COMMANDS } = await import('@/lib/discord/commands/definitions');

describe('Discord REST client against a real HTTP fake', () => {
  it('honours a 429 retry_after, then succeeds (one retry, after the wait)', async () => {
    fake.reset();
    let n = 0;
    fake.on('GET /channels/:id/messages', () =>
      ++n === 1
        ? { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.25, global: false } }
        : { body: [] },
    );
    const rest = new DiscordRest({ baseUrl: fake.url, token: 't' });
    const started = Date.now();
    await expect(rest.get('/channels/1234567890/messages', { limit: 100 })).resolves.toEqual([]);
    const reqs = fake.find('GET', '/channels/1234567890/messages');
    expect(reqs).toHaveLength(2);
    expect((reqs[1]?.at ?? 0) - (reqs[0]?.at ?? 0)).toBeGreaterThanOrEqual(240);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(reqs[0]?.headers.authorization).toBe('Bot t');
    expect(reqs[0]?.query.get('limit')).toBe('100');
  });

  it('waits for the bucket reset when X-RateLimit-Remaining reaches 0', async () => {
    fake.reset();
    fake.on('GET /guilds/:id/channels', () => ({
      body: [],
      headers: {
        'x-ratelimit-bucket': 'abc',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '0.3',
        'x-ratelimit-limit': '1',
      },
    }));
    const rest = new DiscordRest({ baseUrl: fake.url, token: 't' });
    await rest.get('/guilds/55555/channels');
    await rest.get('/guilds/55555/channels');
    const reqs = fake.find('GET', '/guilds/55555/channels');
    expect(reqs).toHaveLength(2);
    expect((reqs[1]?.at ?? 0) - (reqs[0]?.at ?? 0)).toBeGreaterThanOrEqual(280);
  });

  it('sends one request at a time per route', async () => {
    fake.reset();
    let inFlight = 0;
    let maxInFlight = 0;
    fake.on('GET /channels/:id/messages', async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return { body: [] };
    });
    const rest = new DiscordRest({ baseUrl: fake.url, token: 't' });
    await Promise.all(Array.from({ length: 5 }, () => rest.get('/channels/777777/messages')));
    expect(maxInFlight).toBe(1);
  });

  it('gives up after maxRetries 429s and throws a DiscordApiError for other failures', async () => {
    fake.reset();
    fake.on('GET /channels/:id', () => ({ status: 429, body: { retry_after: 0.01 } }));
    fake.on('GET /guilds/:id', () => ({ status: 403, body: { message: 'Missing Access', code: 50001 } }));
    const rest = new DiscordRest({ baseUrl: fake.url, token: 't', maxRetries: 2 });
    await expect(rest.get('/channels/888888')).rejects.toMatchObject({ status: 429 });
    expect(fake.find('GET', '/channels/888888')).toHaveLength(3);
    const err = await rest.get('/guilds/999999').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DiscordApiError);
    expect((err as Error).message).toContain('Missing Access');
  });

  it('buckets routes by their major parameter', () => {
    expect(routeKey('GET', '/channels/111111/messages/222222')).toBe('GET /channels/111111/messages/:id');
    expect(routeKey('GET', '/channels/111111/messages/222222/reactions/%F0%9F%91%8D')).toBe(
      'GET /channels/111111/messages/:id/reactions/*',
    );
    expect(routeKey('PATCH', '/webhooks/123456/tok/messages/@original')).toBe(
      'PATCH /webhooks/123456/tok/messages/@original',
    );
  });
});

describe('npm run discord:register', () => {
  it('bulk-overwrites every defined command, guild-scoped when DISCORD_GUILD_ID is set', async () => {
    fake.reset();
    fake.on('PUT /applications/:app/guilds/:guild/commands', (req) => ({ body: req.body }));
    fake.on('PUT /applications/:app/commands', (req) => ({ body: req.body }));
    const { resetEnvCache } = await import('@/lib/env');
    process.env.DISCORD_GUILD_ID = '424242424242';
    resetEnvCache();
    try {
      const r = await registerCommands(new DiscordRest({ baseUrl: fake.url }));
      expect(r.scope).toBe('guild 424242424242');
      expect(r.names).toEqual(COMMANDS.map((c) => c.name));
      const put = fake.find('PUT', '/applications/');
      expect(put[0]?.path).toBe(
        `/applications/${process.env.DISCORD_APPLICATION_ID}/guilds/424242424242/commands`,
      );
      expect(put[0]?.headers.authorization).toBe('Bot test-bot-token');
    } finally {
      delete process.env.DISCORD_GUILD_ID;
      resetEnvCache();
    }
    const global = await registerCommands(new DiscordRest({ baseUrl: fake.url }));
    expect(global.scope).toBe('global');
  });
});
