import 'server-only';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import * as agoraTokenModule from 'agora-token';
import { env } from '@/lib/env';
import { storedLocalSecret } from '@/lib/local-secrets';

/**
 * The video seam. Agora RTC tokens (AccessToken2, "007…") when AGORA_APP_ID and AGORA_APP_CERTIFICATE are
 * set; otherwise the same tokens minted with a local app id + certificate for the simulated call UI, so the
 * join/renew/expiry logic is identical in both modes.
 */

// agora-token is CommonJS: Node ESM exposes it as `default`, bundlers as named exports.
const agoraToken =
  (agoraTokenModule as unknown as { default?: typeof agoraTokenModule }).default ?? agoraTokenModule;

export type VideoMode = 'agora' | 'simulated';
export type RtcTokenRole = 'publisher' | 'subscriber';

export interface RtcTokenRequest {
  channel: string;
  /** 1 … 2^32-1 (see rtcUidFor). */
  uid: number;
  role: RtcTokenRole;
  /** When the join (and publish) privileges end; Agora drops the user then unless the token is renewed. */
  privilegeExpiresAt: Date;
}

export interface RtcToken {
  mode: VideoMode;
  appId: string;
  channel: string;
  uid: number;
  token: string;
  /** The join privilege expiry encoded in the token (whole seconds), ISO 8601. */
  expiresAt: string;
}

export class VideoConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VideoConfigError';
  }
}

const HEX32 = /^[0-9a-f]{32}$/i;
/** Agora's documented channel-name alphabet, under 64 bytes. */
const CHANNEL = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{|}~,]{1,63}$/;
/** Agora caps a privilege at 24 hours. */
const MAX_PRIVILEGE_SECONDS = 24 * 60 * 60;
const MAX_UID = 0xffff_ffff;

/** A configuration problem stated the way the startup check states it: which variable and what is wrong. */
export function checkAgoraCredential(name: string, value: string): void {
  if (!HEX32.test(value)) {
    throw new VideoConfigError(
      `${name} must be the 32-character hexadecimal value from the Agora console (got ${value.length} characters${
        value.length === 32 ? ' that are not all hexadecimal' : ''
      }); agora-token silently produces an empty token otherwise`,
    );
  }
}

export interface AgoraCredentials {
  mode: VideoMode;
  appId: string;
  certificate: string;
}

let cachedLocal: { appId: string; certificate: string } | undefined;

/** Simulated mode: a stable local app id + certificate (derived from AUTH_SECRET, else stored in .data). */
function localCredentials(): { appId: string; certificate: string } {
  if (cachedLocal) return cachedLocal;
  const e = env();
  if (e.production)
    throw new VideoConfigError('AGORA_APP_ID and AGORA_APP_CERTIFICATE are required in production');
  const seed = e.raw.AUTH_SECRET
    ? createHmac('sha256', e.raw.AUTH_SECRET).update('communityos:simulated-video').digest('hex')
    : storedLocalSecret('simulatedVideoSeed', () => randomBytes(32).toString('hex'));
  const derive = (label: string) => createHmac('sha256', seed).update(label).digest('hex').slice(0, 32);
  cachedLocal = { appId: derive('app-id'), certificate: derive('app-certificate') };
  return cachedLocal;
}

function credentials(): AgoraCredentials {
  const e = env();
  const { AGORA_APP_ID: appId, AGORA_APP_CERTIFICATE: certificate } = e.raw;
  if (e.services.video.mode === 'managed' && appId && certificate) {
    checkAgoraCredential('AGORA_APP_ID', appId);
    checkAgoraCredential('AGORA_APP_CERTIFICATE', certificate);
    return { mode: 'agora', appId, certificate };
  }
  return { mode: 'simulated', ...localCredentials() };
}

export function videoMode(): VideoMode {
  return env().services.video.mode === 'managed' ? 'agora' : 'simulated';
}

/**
 * Mints with explicit credentials (exported for tests and diagnostics; callers use mintRtcToken).
 * agora-token stamps the token with its own clock, so the privilege is given relative to the second it
 * will use; if the second ticks over between our reading and its reading, we mint again, which keeps the
 * encoded expiry equal to the requested one.
 */
export function mintRtcTokenWith(
  creds: AgoraCredentials,
  req: RtcTokenRequest,
  now: () => number = Date.now,
): RtcToken {
  checkAgoraCredential('Agora app id', creds.appId);
  checkAgoraCredential('Agora app certificate', creds.certificate);
  if (!CHANNEL.test(req.channel)) {
    throw new RangeError('RTC channel name must be 1–63 characters of Agora’s allowed alphabet');
  }
  if (!Number.isInteger(req.uid) || req.uid < 1 || req.uid > MAX_UID) {
    throw new RangeError('RTC uid must be an integer from 1 to 2^32-1');
  }
  const expiresAtSec = Math.floor(req.privilegeExpiresAt.getTime() / 1000);
  const role = req.role === 'publisher' ? agoraToken.RtcRole.PUBLISHER : agoraToken.RtcRole.SUBSCRIBER;
  for (let attempt = 0; attempt < 3; attempt++) {
    const issuedSec = Math.floor(now() / 1000);
    const seconds = expiresAtSec - issuedSec;
    if (seconds < 1) throw new RangeError('RTC privilege expiry must be in the future');
    if (seconds > MAX_PRIVILEGE_SECONDS) throw new RangeError('RTC privilege expiry must be within 24 hours');
    const token = agoraToken.RtcTokenBuilder.buildTokenWithUid(
      creds.appId,
      creds.certificate,
      req.channel,
      req.uid,
      role,
      seconds,
      seconds,
    );
    if (!token)
      throw new VideoConfigError('agora-token returned an empty token (check the app id and certificate)');
    if (readRtcTokenPrivileges(token).issuedAt.getTime() / 1000 !== issuedSec) continue;
    return {
      mode: creds.mode,
      appId: creds.appId,
      channel: req.channel,
      uid: req.uid,
      token,
      expiresAt: new Date(expiresAtSec * 1000).toISOString(),
    };
  }
  throw new Error('Could not mint an RTC token with a stable issue time');
}

/** An RTC token for one participant, from the configured mode. */
export function mintRtcToken(req: RtcTokenRequest): RtcToken {
  return mintRtcTokenWith(credentials(), req);
}

/** A deterministic Agora uid for a user: 1 … 2^31-1 (positive as a signed 32-bit int in every SDK). */
export function rtcUidFor(userId: string): number {
  const digest = createHash('sha256').update(`communityos:rtc-uid:${userId.toLowerCase()}`).digest();
  return digest.readUInt32BE(0) & 0x7fff_ffff || 1;
}

export interface RtcTokenPrivileges {
  appId: string;
  issuedAt: Date;
  tokenExpiresAt: Date;
  channel: string;
  uid: string;
  /** Absolute expiry per RTC privilege present in the token. */
  joinChannel?: Date;
  publishAudio?: Date;
  publishVideo?: Date;
  publishData?: Date;
}

/**
 * Decodes an AccessToken2 (for tests and diagnostics; does not verify the signature).
 * Layout after the "007" prefix: base64(deflate(payload)); payload = signature (u16-length bytes), app id
 * (u16-length string), issue ts u32, expire u32 (seconds after issue), salt u32, service count u16, then per
 * service: type u16, privilege map (u16 count of u16 key → u32 seconds after issue) and, for RTC (type 1),
 * channel and uid strings. Integers are little-endian.
 */
export function readRtcTokenPrivileges(token: string): RtcTokenPrivileges {
  if (!token.startsWith('007')) throw new Error('Not an AccessToken2 (expected the "007" prefix)');
  const buf = inflateSync(Buffer.from(token.slice(3), 'base64'));
  let at = 0;
  const u16 = () => {
    const v = buf.readUInt16LE(at);
    at += 2;
    return v;
  };
  const u32 = () => {
    const v = buf.readUInt32LE(at);
    at += 4;
    return v;
  };
  const bytes = () => {
    const len = u16();
    const out = buf.subarray(at, at + len);
    at += len;
    return out;
  };
  bytes(); // signature
  const appId = bytes().toString('utf8');
  const issueTs = u32();
  const expire = u32();
  u32(); // salt
  // Services are packed in type order and RTC is type 1, so an RTC token's first service is the RTC one.
  if (u16() < 1 || u16() !== 1) throw new Error('Not an RTC token (its first service is not RTC)');
  const privileges = new Map<number, number>();
  for (let n = u16(); n > 0; n--) {
    const key = u16();
    privileges.set(key, u32());
  }
  const abs = (seconds: number) => new Date((issueTs + seconds) * 1000);
  const pick = (key: number) => {
    const v = privileges.get(key);
    return v === undefined ? undefined : abs(v);
  };
  const result: RtcTokenPrivileges = {
    appId,
    issuedAt: new Date(issueTs * 1000),
    tokenExpiresAt: abs(expire),
    channel: bytes().toString('utf8'),
    uid: bytes().toString('utf8'),
    joinChannel: pick(1),
    publishAudio: pick(2),
    publishVideo: pick(3),
    publishData: pick(4),
  };
  return result;
}

/** For tests that switch the environment. */
export function resetVideoCache(): void {
  cachedLocal = undefined;
}
