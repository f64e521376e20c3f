import { afterAll, beforeAll } from 'vitest';
import { FakeDiscord } from './fake-discord';
import { TEST_APP_ID, TEST_PUBLIC_KEY_HEX } from './helpers';

/**
 * Per test file: the Discord variables point at the test key and at a fresh fake Discord REST server.
 * Import after vi.mock(...) calls; modules under test are imported dynamically afterwards.
 */
export const fake = new FakeDiscord();
await fake.start();

process.env.DISCORD_PUBLIC_KEY = TEST_PUBLIC_KEY_HEX;
process.env.DISCORD_APPLICATION_ID = TEST_APP_ID;
process.env.DISCORD_BOT_TOKEN = 'test-bot-token';
process.env.DISCORD_API_BASE = fake.url;
process.env.DISCORD_EVENTS_SECRET = 'test-relay-secret-0123456789';

const { resetEnvCache } = await import('@/lib/env');
const { resetDiscordRest } = await import('@/lib/discord/rest');
resetEnvCache();
resetDiscordRest();

beforeAll(() => {
  resetEnvCache();
});
afterAll(async () => {
  await fake.stop();
});
