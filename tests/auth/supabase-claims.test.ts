process.env.AUTH_SECRET = 'supabase-claims-test-secret-0123456789abcdefghij';

import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signSessionJwt, verifySessionJwt } from '@/lib/auth/jwt';
import { createLocalUser } from '@/lib/auth/local-auth';
import { authSecret } from '@/lib/auth/secret';
import { claimsFromSupabase } from '@/lib/auth/supabase-claims';
import { asUser, type Claims } from '@/lib/db/tx';
import { resetEnvCache } from '@/lib/env';

resetEnvCache();

/**
 * Supabase Auth cannot be reached offline, so its tokens are reproduced: an ES256 key pair made here, a
 * local JWKS standing in for https://<ref>.supabase.co/auth/v1/.well-known/jwks.json, and an access token
 * with the claims Supabase issues. What is under test is the mapping to the claims asUser() uses.
 */

const REF = 'abcdefghijklmnopqrst';
const ISSUER = `https://${REF}.supabase.co/auth/v1`;

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
let signing: KeyPair;
let stranger: KeyPair;
let jwks: ReturnType<typeof createLocalJWKSet>;
const KID = 'test-key-1';

async function supabaseToken(overrides: Record<string, unknown> = {}, key: KeyPair = signing, kid = KID) {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload & Record<string, unknown> = {
    iss: ISSUER,
    aud: 'authenticated',
    sub: randomUUID(),
    email: 'fan@example.test',
    phone: '',
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: { username: 'fan', display_name: 'Fan' },
    role: 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: now }],
    session_id: randomUUID(),
    is_anonymous: false,
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(key.privateKey);
}

async function verify(token: string) {
  const { payload } = await jwtVerify(token, jwks, { issuer: ISSUER, audience: 'authenticated' });
  return payload;
}

beforeAll(async () => {
  signing = await generateKeyPair('ES256');
  stranger = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
  const set: JSONWebKeySet = { keys: [jwk] };
  jwks = createLocalJWKSet(set);
});

describe('claimsFromSupabase', () => {
  it('maps a verified Supabase access token to the same claim shape local auth produces', async () => {
    const sub = randomUUID();
    const sessionId = randomUUID();
    const payload = await verify(
      await supabaseToken({ sub, session_id: sessionId, email: 'fan@example.test' }),
    );
    const mapped = claimsFromSupabase(payload);
    expect(mapped).not.toBe(null);
    const core = (c: Claims | null) => ({
      sub: c?.sub,
      email: c?.email,
      role: c?.role,
      session_id: c?.session_id,
    });
    expect(core(mapped)).toEqual({
      sub,
      email: 'fan@example.test',
      role: 'authenticated',
      session_id: sessionId,
    });

    const local = await verifySessionJwt(
      await signSessionJwt({ userId: sub, email: 'fan@example.test', sessionId }, authSecret()),
      authSecret(),
    );
    expect(core(mapped)).toEqual(core(local));
    // Same types for the shared claims, so policies reading auth.jwt() see one shape.
    for (const key of ['sub', 'email', 'role', 'session_id', 'aud', 'exp', 'iat', 'aal'] as const) {
      expect([key, typeof mapped?.[key]]).toEqual([key, typeof local?.[key]]);
    }
  });

  it.each([
    ['the anon role', { role: 'anon' }],
    ['the service_role role', { role: 'service_role' }],
    ['an anonymous sign-in', { is_anonymous: true }],
    ['a missing sub', { sub: undefined }],
    ['a non-string sub', { sub: 42 }],
  ])('returns null for %s', async (_what, overrides) => {
    const payload = await verify(await supabaseToken(overrides));
    expect(claimsFromSupabase(payload)).toBe(null);
  });

  it('drops a non-string email or session_id instead of passing it through', async () => {
    const payload = await verify(await supabaseToken({ email: 7, session_id: { x: 1 } }));
    const mapped = claimsFromSupabase(payload);
    expect(mapped?.email).toBeUndefined();
    expect(mapped?.session_id).toBeUndefined();
  });
});

describe('token verification against the JWKS', () => {
  it('accepts the key in the JWKS and refuses a token signed by another key', async () => {
    await expect(verify(await supabaseToken())).resolves.toMatchObject({ role: 'authenticated' });
    await expect(verify(await supabaseToken({}, stranger))).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
    await expect(verify(await supabaseToken({}, stranger, 'unknown-kid'))).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    });
  });

  it('refuses an expired token, another issuer and another audience', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    await expect(verify(await supabaseToken({ iat: past - 60, exp: past }))).rejects.toMatchObject({
      code: 'ERR_JWT_EXPIRED',
    });
    await expect(
      verify(await supabaseToken({ iss: 'https://evil.supabase.co/auth/v1' })),
    ).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    });
    await expect(verify(await supabaseToken({ aud: 'anon' }))).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    });
  });
});

describe('mapped claims against the real database', () => {
  it('asUser with the mapped claims: auth.uid() is the sub, and RLS lets the user edit only their profile', async () => {
    const id = await createLocalUser({
      email: 'sb_user@example.test',
      password: 'correct horse battery',
      username: 'sb_user',
      displayName: 'Supabase User',
    });
    const other = await createLocalUser({
      email: 'sb_other@example.test',
      password: 'correct horse battery',
      username: 'sb_other',
      displayName: 'Other',
    });
    const claims = claimsFromSupabase(
      await verify(await supabaseToken({ sub: id, email: 'sb_user@example.test' })),
    );
    if (!claims) throw new Error('expected claims');
    const r = await asUser(claims, async (db) => {
      const who = await db.query<{ uid: string; email: string; aal: string }>(
        `select auth.uid() as uid, auth.email() as email, auth.jwt() ->> 'aal' as aal`,
      );
      const own = await db.query(`update public.profiles set bio = 'from supabase' where id = $1`, [id]);
      const theirs = await db.query(`update public.profiles set bio = 'nope' where id = $1`, [other]);
      return { who: who.rows[0], own: own.rowCount, theirs: theirs.rowCount };
    });
    expect(r).toEqual({ who: { uid: id, email: 'sb_user@example.test', aal: 'aal1' }, own: 1, theirs: 0 });
  });
});
