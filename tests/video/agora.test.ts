import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import {
  mintRtcToken,
  mintRtcTokenWith,
  readRtcTokenPrivileges,
  resetVideoCache,
  rtcUidFor,
  VideoConfigError,
} from '@/lib/adapters/video/agora';
import { resetEnvCache } from '@/lib/env';

const APP_ID = '0123456789abcdef0123456789abcdef';
const CERT = 'fedcba9876543210fedcba9876543210';
const creds = { mode: 'agora' as const, appId: APP_ID, certificate: CERT };

// agora-token's own parser/verifier, as an independent check of our decoder.
const { AccessToken2 } = createRequire(import.meta.url)('agora-token/src/AccessToken2') as {
  AccessToken2: new () => {
    from_string(t: string): boolean;
    verifySignature(cert: string): boolean;
    issueTs: number;
    services: { __privileges: Record<string, number> }[];
  };
};

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000);

afterEach(() => {
  delete process.env.AGORA_APP_ID;
  delete process.env.AGORA_APP_CERTIFICATE;
  resetEnvCache();
  resetVideoCache();
});

describe('mintRtcToken', () => {
  it('mints a signed, non-empty AccessToken2 for the channel and uid', () => {
    const t = mintRtcTokenWith(creds, {
      channel: 'call-1',
      uid: 42,
      role: 'publisher',
      privilegeExpiresAt: inMinutes(1),
    });
    expect(t.token.startsWith('007')).toBe(true);
    expect(t.token.length).toBeGreaterThan(100);
    const parsed = new AccessToken2();
    expect(parsed.from_string(t.token)).toBe(true);
    expect(parsed.verifySignature(CERT)).toBe(true);
    expect(parsed.verifySignature('00000000000000000000000000000000')).toBe(false);
    const p = readRtcTokenPrivileges(t.token);
    expect(p).toMatchObject({ appId: APP_ID, channel: 'call-1', uid: '42' });
  });

  it.each([
    ['publisher', 61_000],
    ['subscriber', 5 * 60_000 + 7_500],
    ['publisher', 23 * 3600_000],
  ] as const)('%s: join privilege expires at privilegeExpiresAt (+%d ms)', (role, ms) => {
    const at = new Date(Date.now() + ms);
    const t = mintRtcTokenWith(creds, { channel: 'c', uid: 7, role, privilegeExpiresAt: at });
    const p = readRtcTokenPrivileges(t.token);
    const expected = Math.floor(at.getTime() / 1000) * 1000;
    expect(p.joinChannel?.getTime()).toBe(expected);
    expect(Math.abs((p.joinChannel?.getTime() ?? 0) - at.getTime())).toBeLessThan(1000);
    expect(p.tokenExpiresAt.getTime()).toBe(expected);
    expect(t.expiresAt).toBe(new Date(expected).toISOString());
    if (role === 'publisher') {
      expect(p.publishAudio?.getTime()).toBe(expected);
      expect(p.publishVideo?.getTime()).toBe(expected);
    } else {
      expect(p.publishAudio).toBeUndefined();
    }
    // agora-token's parser reads the same relative privilege.
    const parsed = new AccessToken2();
    parsed.from_string(t.token);
    expect((parsed.issueTs + (parsed.services[0]?.__privileges[1] ?? 0)) * 1000).toBe(expected);
  });

  it('re-mints when the clock ticks to the next second between our reading and the library’s', () => {
    let calls = 0;
    // First reading is a full second behind the library's clock; the second reading is the real time.
    const now = () => (++calls === 1 ? Date.now() - 1000 : Date.now());
    const at = inMinutes(2);
    const t = mintRtcTokenWith(
      creds,
      { channel: 'c', uid: 7, role: 'publisher', privilegeExpiresAt: at },
      now,
    );
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(readRtcTokenPrivileges(t.token).joinChannel?.getTime()).toBe(
      Math.floor(at.getTime() / 1000) * 1000,
    );
  });

  const bad: [string, Partial<typeof creds>, RegExp][] = [
    ['short app id', { appId: 'abc' }, /app id must be the 32-character hexadecimal/],
    ['non-hex app id', { appId: 'z'.repeat(32) }, /not all hexadecimal/],
    ['empty certificate', { certificate: '' }, /certificate must be the 32-character/],
    ['33-char certificate', { certificate: `${CERT}0` }, /got 33 characters/],
  ];
  it.each(bad)('rejects %s with a clear configuration error', (_name, override, message) => {
    const run = () =>
      mintRtcTokenWith(
        { ...creds, ...override },
        { channel: 'c', uid: 1, role: 'publisher', privilegeExpiresAt: inMinutes(1) },
      );
    expect(run).toThrow(VideoConfigError);
    expect(run).toThrow(message);
  });

  it('names the variable when AGORA_* env values are malformed', () => {
    process.env.AGORA_APP_ID = 'my-app';
    process.env.AGORA_APP_CERTIFICATE = CERT;
    resetEnvCache();
    expect(() =>
      mintRtcToken({ channel: 'c', uid: 1, role: 'publisher', privilegeExpiresAt: inMinutes(1) }),
    ).toThrow(/AGORA_APP_ID must be the 32-character hexadecimal/);
  });

  it('uses the configured Agora app in managed mode and a stable local app in simulated mode', () => {
    const req = { channel: 'c', uid: 1, role: 'publisher' as const, privilegeExpiresAt: inMinutes(1) };
    const sim1 = mintRtcToken(req);
    resetVideoCache();
    const sim2 = mintRtcToken(req);
    expect(sim1.mode).toBe('simulated');
    expect(sim1.appId).toMatch(/^[0-9a-f]{32}$/);
    expect(sim2.appId).toBe(sim1.appId);
    process.env.AGORA_APP_ID = APP_ID;
    process.env.AGORA_APP_CERTIFICATE = CERT;
    resetEnvCache();
    const managed = mintRtcToken(req);
    expect(managed).toMatchObject({ mode: 'agora', appId: APP_ID });
    expect(readRtcTokenPrivileges(managed.token).appId).toBe(APP_ID);
  });

  it.each([
    ['past expiry', { privilegeExpiresAt: new Date(Date.now() - 1000) }, /in the future/],
    ['expiry beyond 24 h', { privilegeExpiresAt: inMinutes(24 * 60 + 1) }, /within 24 hours/],
    ['uid 0', { uid: 0 }, /uid/],
    ['fractional uid', { uid: 1.5 }, /uid/],
    ['uid ≥ 2^32', { uid: 2 ** 32 }, /uid/],
    ['channel too long', { channel: 'x'.repeat(64) }, /channel/],
    ['channel with a slash', { channel: 'a/b' }, /channel/],
  ])('rejects %s', (_name, override, message) => {
    const req = {
      channel: 'c',
      uid: 1,
      role: 'publisher' as const,
      privilegeExpiresAt: inMinutes(1),
      ...override,
    };
    expect(() => mintRtcTokenWith(creds, req)).toThrow(message);
  });
});

describe('rtcUidFor', () => {
  it('is stable, case-insensitive and in 1 … 2^31-1', () => {
    const id = randomUUID();
    expect(rtcUidFor(id)).toBe(rtcUidFor(id));
    expect(rtcUidFor(id.toUpperCase())).toBe(rtcUidFor(id));
    for (let i = 0; i < 2000; i++) {
      const uid = rtcUidFor(randomUUID());
      expect(Number.isInteger(uid)).toBe(true);
      expect(uid).toBeGreaterThanOrEqual(1);
      expect(uid).toBeLessThanOrEqual(2 ** 31 - 1);
    }
  });

  it('spreads users: 2000 random users get (almost surely) distinct uids', () => {
    const uids = new Set(Array.from({ length: 2000 }, () => rtcUidFor(randomUUID())));
    expect(uids.size).toBeGreaterThanOrEqual(1999);
  });

  it('gives a known uuid a fixed uid (the mapping must never change: uids are stored with calls)', () => {
    expect(rtcUidFor('00000000-0000-4000-8000-000000000001')).toBe(1620842555);
  });
});
