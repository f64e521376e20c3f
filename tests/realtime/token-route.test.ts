import { createHmac, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';

vi.mock('next/headers', () => nextHeadersMock());

const { GET: tokenRoute } = await import('@/app/api/realtime/token/route');
const { capabilityFor } = await import('@/lib/adapters/realtime/ably-token');
const { realtimeClientMode } = await import('@/lib/adapters/realtime/ably-rest');
const { resetEnvCache } = await import('@/lib/env');
const { getRequest, makeCall, makeUser, signInAs } = await import('./helpers');

const FAKE_KEY_NAME = 'appid.keyid';
const FAKE_KEY_SECRET = 'secret';

function setAblyKey(on: boolean) {
  if (on) process.env.ABLY_API_KEY = `${FAKE_KEY_NAME}:${FAKE_KEY_SECRET}`;
  else delete process.env.ABLY_API_KEY;
  resetEnvCache();
}

beforeEach(() => jar.values.clear());
afterEach(() => setAblyKey(false));

describe('GET /api/realtime/token', () => {
  it('refuses anonymous callers with 401 AUTH_REQUIRED (both modes)', async () => {
    for (const ably of [false, true]) {
      setAblyKey(ably);
      const res = await tokenRoute(getRequest('/api/realtime/token'));
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('AUTH_REQUIRED');
    }
  });

  it('answers { mode: "local" } without Ably', async () => {
    const u = await makeUser();
    await signInAs(u);
    expect(realtimeClientMode()).toBe('local');
    const res = await tokenRoute(getRequest('/api/realtime/token'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ mode: 'local' });
  });

  it('with Ably: a signed token request for exactly the user channel and their live calls', async () => {
    const [fan, creator, creator2, stranger] = [
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser(),
    ];
    const live = await makeCall(fan, creator, 'connected');
    const ended = await makeCall(fan, creator2, 'ended');
    const notMine = await makeCall(stranger, creator2, 'requested');
    setAblyKey(true);
    expect(realtimeClientMode()).toBe('ably');
    await signInAs(fan);
    const res = await tokenRoute(getRequest('/api/realtime/token'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const tr = (await res.json()) as Record<string, string | number>;
    expect(tr.keyName).toBe(FAKE_KEY_NAME);
    expect(tr.clientId).toBe(fan.id);
    const capability = JSON.parse(String(tr.capability)) as Record<string, string[]>;
    expect(Object.fromEntries(Object.entries(capability).map(([k, v]) => [k, [...v].sort()]))).toEqual({
      [`user:${fan.id}`]: ['presence', 'subscribe'],
      [`call:${live}`]: ['presence', 'publish', 'subscribe'],
    });
    expect(JSON.stringify(capability)).not.toContain(ended);
    expect(JSON.stringify(capability)).not.toContain(notMine);
    expect(JSON.stringify(capability)).not.toContain('*');
    // Signed with the key secret (Ably's token-request MAC), so Ably will accept exactly this capability.
    const signed = [tr.keyName, tr.ttl, tr.capability, tr.clientId, tr.timestamp, tr.nonce, ''].join('\n');
    expect(tr.mac).toBe(createHmac('sha256', FAKE_KEY_SECRET).update(signed).digest('base64'));
    const forged = signed.replace(`user:${fan.id}`, `user:${stranger.id}`);
    expect(tr.mac).not.toBe(createHmac('sha256', FAKE_KEY_SECRET).update(forged).digest('base64'));
  });

  it('the creator gets the same call channel; a user with no calls only their own channel', async () => {
    const [fan, creator, loner] = [await makeUser(), await makeUser(), await makeUser()];
    const callId = await makeCall(fan, creator, 'requested');
    expect(Object.keys(await capabilityFor(creator.id)).sort()).toEqual(
      [`call:${callId}`, `user:${creator.id}`].sort(),
    );
    expect(await capabilityFor(loner.id)).toEqual({ [`user:${loner.id}`]: ['subscribe', 'presence'] });
    const fake = { isParticipant: async () => true, activeCallIds: async () => [randomUUID().toUpperCase()] };
    await expect(capabilityFor(loner.id, fake)).rejects.toThrow(RangeError);
  });
});
