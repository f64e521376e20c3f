process.env.AUTH_SECRET = 'local-auth-test-secret-0123456789abcdefghijklmnop';

import { randomBytes } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signSessionJwt, verifySessionJwt } from '@/lib/auth/jwt';
import {
  checkLocalToken,
  createLocalUser,
  localSignIn,
  localSignUp,
  revokeAllSessions,
  revokeSession,
} from '@/lib/auth/local-auth';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { SignInSchema, SignUpSchema } from '@/lib/auth/schemas';
import { authSecret } from '@/lib/auth/secret';
import { asService, asUser } from '@/lib/db/tx';
import { resetEnvCache } from '@/lib/env';
import { AppError, toAppError } from '@/lib/http/errors';

resetEnvCache();

const PASSWORD = 'correct horse battery';
const ctx = { ip: '127.0.0.1', userAgent: 'vitest' };

const signUpInput = (name: string, email = `${name}@example.test`) =>
  SignUpSchema.parse({ email, password: PASSWORD, username: name, displayName: `User ${name}` });
const signInInput = (email: string, password = PASSWORD) => SignInSchema.parse({ email, password });

async function counts() {
  const r = await asService((db) =>
    db.query<{ users: number; profiles: number; sessions: number }>(
      `select (select count(*)::int from auth.users) as users,
              (select count(*)::int from public.profiles) as profiles,
              (select count(*)::int from private.sessions) as sessions`,
    ),
  );
  return r.rows[0];
}

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

function b64urlJson(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}
const toB64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

let adminClaims: { sub: string; email: string; role: 'authenticated' };

beforeAll(async () => {
  // The secret comes from AUTH_SECRET (so nothing is written to .data/secrets.json).
  expect(new TextDecoder().decode(authSecret())).toBe(process.env.AUTH_SECRET);
  const adminId = await createLocalUser(signUpInput('the_admin'));
  await asService((db) => db.query(`update public.profiles set role = 'admin' where id = $1`, [adminId]));
  adminClaims = { sub: adminId, email: 'the_admin@example.test', role: 'authenticated' };
});

describe('password hashing (scrypt)', () => {
  it('hashes with a random salt and verifies only the right password', async () => {
    const h1 = await hashPassword(PASSWORD);
    const h2 = await hashPassword(PASSWORD);
    expect(h1).not.toBe(PASSWORD);
    expect(h1).not.toContain(PASSWORD);
    expect(h1).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(h1).not.toBe(h2);
    expect(await verifyPassword(PASSWORD, h1)).toBe(true);
    expect(await verifyPassword(PASSWORD, h2)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h1)).toBe(false);
    expect(await verifyPassword('', h1)).toBe(false);
  });

  it.each([
    null,
    undefined,
    '',
    'plaintext',
    '$2a$10$abcdefghijklmnopqrstuv',
    'scrypt$16384$8$1$c2FsdA',
    'scrypt$16384$8$1$c2FsdA$',
    'scrypt$abc$8$1$c2FsdA$aGFzaA',
  ])('treats a missing or foreign stored hash (%s) as a mismatch', async (stored) => {
    expect(await verifyPassword(PASSWORD, stored)).toBe(false);
  });
});

describe('sign-up', () => {
  it('creates the auth user, the profile (via the trigger) and a live session', async () => {
    const before = await counts();
    const s = await localSignUp(signUpInput('signup_ok'), ctx);
    const after = await counts();
    expect(after).toEqual({
      users: (before?.users ?? 0) + 1,
      profiles: (before?.profiles ?? 0) + 1,
      sessions: (before?.sessions ?? 0) + 1,
    });
    const row = await asService((db) =>
      db.query<{ email: string; encrypted_password: string; username: string; user_id: string; ua: string }>(
        `select u.email, u.encrypted_password, p.username, s.user_id, s.user_agent as ua
           from auth.users u join public.profiles p on p.id = u.id join private.sessions s on s.user_id = u.id
          where u.id = $1 and s.id = $2`,
        [s.userId, s.sessionId],
      ),
    );
    expect(row.rows[0]).toMatchObject({
      email: 'signup_ok@example.test',
      username: 'signup_ok',
      user_id: s.userId,
      ua: 'vitest',
    });
    expect(await verifyPassword(PASSWORD, row.rows[0]?.encrypted_password)).toBe(true);
    const check = await checkLocalToken(s.token);
    expect(check.claims).toMatchObject({
      sub: s.userId,
      email: 'signup_ok@example.test',
      role: 'authenticated',
      session_id: s.sessionId,
    });
  });

  it.each([
    ['the same email', () => signUpInput('dup_other', 'dup_first@example.test'), 'email'],
    ['the same email in other case', () => signUpInput('dup_other2', 'DUP_First@Example.TEST'), 'email'],
    ['the same username', () => signUpInput('dup_first', 'someone-else@example.test'), 'username'],
  ])('refuses %s with CONFLICT (409) and writes nothing', async (_what, input, field) => {
    await localSignUp(signUpInput('dup_first'), ctx).catch(() => undefined);
    const before = await counts();
    const err = await thrown(localSignUp(input(), ctx));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((err as AppError).status).toBe(409);
    expect((err as AppError).details).toMatchObject({ fields: { [field]: [expect.any(String)] } });
    expect(await counts()).toEqual(before);
  });

  it('two concurrent sign-ups with one email: exactly one succeeds, the other is a CONFLICT', async () => {
    const results = await Promise.allSettled([
      localSignUp(signUpInput('race_one', 'race@example.test'), ctx),
      localSignUp(signUpInput('race_two', 'race@example.test'), ctx),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect(toAppError(failed?.reason).code).toBe('CONFLICT');
    const n = await asService((db) =>
      db.query<{ n: number }>(`select count(*)::int as n from auth.users where email = 'race@example.test'`),
    );
    expect(n.rows[0]?.n).toBe(1);
  });
});

describe('sign-in', () => {
  beforeAll(async () => {
    await localSignUp(signUpInput('signin_user'), ctx);
  });

  it('signs in with the right password and issues a new live session', async () => {
    const s = await localSignIn(signInInput('Signin_User@example.test'), ctx);
    expect((await checkLocalToken(s.token)).claims?.session_id).toBe(s.sessionId);
  });

  it('wrong password and unknown email fail the same way: INVALID_CREDENTIALS (401), same message', async () => {
    const before = await counts();
    const wrong = await thrown(localSignIn(signInInput('signin_user@example.test', 'not the password'), ctx));
    const unknown = await thrown(localSignIn(signInInput('nobody@example.test'), ctx));
    for (const e of [wrong, unknown]) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('INVALID_CREDENTIALS');
      expect((e as AppError).status).toBe(401);
    }
    expect((unknown as AppError).message).toBe((wrong as AppError).message);
    expect((unknown as AppError).details).toEqual((wrong as AppError).details);
    expect(await counts()).toEqual(before);
  });

  it('a banned user cannot sign in: ACCOUNT_BANNED (403), and no session is created', async () => {
    const s = await localSignUp(signUpInput('to_be_banned'), ctx);
    await asUser(adminClaims, (db) =>
      db.query('select public.admin_set_banned($1, true, $2)', [s.userId, 'spamming everyone']),
    );
    const before = await counts();
    const err = await thrown(localSignIn(signInInput('to_be_banned@example.test'), ctx));
    expect((err as AppError).code).toBe('ACCOUNT_BANNED');
    expect((err as AppError).status).toBe(403);
    expect(await counts()).toEqual(before);
    // The ban is not revealed without the right password.
    const wrong = await thrown(localSignIn(signInInput('to_be_banned@example.test', 'wrong password'), ctx));
    expect((wrong as AppError).code).toBe('INVALID_CREDENTIALS');
  });
});

describe('checkLocalToken', () => {
  let userId: string;
  let sessionId: string;
  let token: string;
  const email = 'tokens@example.test';

  beforeAll(async () => {
    const s = await localSignUp(signUpInput('tokens', email), ctx);
    ({ userId, sessionId, token } = s);
  });

  it('accepts a valid token and returns Supabase-shaped claims', async () => {
    const check = await checkLocalToken(token);
    expect(check.claims).toMatchObject({
      sub: userId,
      email,
      role: 'authenticated',
      session_id: sessionId,
      aud: 'authenticated',
    });
    expect(typeof check.claims?.exp).toBe('number');
  });

  it('refuses a missing token', async () => {
    expect(await checkLocalToken(undefined)).toEqual({ claims: null, reason: 'invalid' });
    expect(await checkLocalToken('')).toEqual({ claims: null, reason: 'invalid' });
  });

  it('refuses an expired token for a live session', async () => {
    const expired = await signSessionJwt({ userId, email, sessionId, ttlSeconds: -10 }, authSecret());
    expect(await checkLocalToken(expired)).toEqual({ claims: null, reason: 'invalid' });
    const fresh = await signSessionJwt({ userId, email, sessionId, ttlSeconds: 60 }, authSecret());
    expect((await checkLocalToken(fresh)).claims?.sub).toBe(userId);
  });

  it('refuses a token whose payload was changed', async () => {
    const [h, p, sig] = token.split('.');
    const payload = b64urlJson(p ?? '');
    const forged = [h, toB64url({ ...payload, exp: (payload.exp as number) + 3600 }), sig].join('.');
    expect(await checkLocalToken(forged)).toEqual({ claims: null, reason: 'invalid' });
    // One flipped character in the payload segment.
    const chars = (p ?? '').split('');
    chars[10] = chars[10] === 'A' ? 'B' : 'A';
    expect(await checkLocalToken([h, chars.join(''), sig].join('.'))).toEqual({
      claims: null,
      reason: 'invalid',
    });
  });

  it('refuses a token signed with another secret', async () => {
    const other = new TextEncoder().encode('another-secret-of-enough-length-0123456789abcdef');
    const t = await signSessionJwt({ userId, email, sessionId }, other);
    expect(await checkLocalToken(t)).toEqual({ claims: null, reason: 'invalid' });
  });

  it('refuses alg "none" and a different algorithm', async () => {
    const unsigned = new UnsecuredJWT({ email, role: 'authenticated', session_id: sessionId })
      .setSubject(userId)
      .setIssuer('communityos-local')
      .setAudience('authenticated')
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    expect(await checkLocalToken(unsigned)).toEqual({ claims: null, reason: 'invalid' });
    const hs512 = await new SignJWT({ email, role: 'authenticated', session_id: sessionId })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject(userId)
      .setIssuer('communityos-local')
      .setAudience('authenticated')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(authSecret());
    expect(await checkLocalToken(hs512)).toEqual({ claims: null, reason: 'invalid' });
  });

  it('refuses a token with the right secret but the wrong issuer, audience or role', async () => {
    const build = (issuer: string, audience: string, role: string) =>
      new SignJWT({ email, role, session_id: sessionId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(authSecret());
    expect(
      (await checkLocalToken(await build('communityos-local', 'authenticated', 'authenticated'))).claims,
    ).not.toBe(null);
    for (const t of [
      await build('someone-else', 'authenticated', 'authenticated'),
      await build('communityos-local', 'anon', 'authenticated'),
      await build('communityos-local', 'authenticated', 'service_role'),
    ]) {
      expect(await checkLocalToken(t)).toEqual({ claims: null, reason: 'invalid' });
    }
  });

  it("refuses a validly signed token naming another user's session", async () => {
    const other = await localSignUp(signUpInput('token_other'), ctx);
    const t = await signSessionJwt({ userId, email, sessionId: other.sessionId }, authSecret());
    expect(await checkLocalToken(t)).toEqual({ claims: null, reason: 'revoked' });
  });

  it('refuses a token whose session row has expired in the database', async () => {
    const s = await localSignIn(signInInput(email), ctx);
    await asService((db) =>
      db.query(`update private.sessions set expires_at = now() - interval '1 second' where id = $1`, [
        s.sessionId,
      ]),
    );
    expect(await checkLocalToken(s.token)).toEqual({ claims: null, reason: 'revoked' });
  });

  it('refuses a revoked session and only that one', async () => {
    const a = await localSignIn(signInInput(email), ctx);
    const b = await localSignIn(signInInput(email), ctx);
    await revokeSession(a.sessionId);
    expect(await checkLocalToken(a.token)).toEqual({ claims: null, reason: 'revoked' });
    expect((await checkLocalToken(b.token)).claims?.session_id).toBe(b.sessionId);
  });

  it('revokeAllSessions ends every session of the user (and no one else’s)', async () => {
    const u = await localSignUp(signUpInput('everywhere'), ctx);
    const s2 = await localSignIn(signInInput('everywhere@example.test'), ctx);
    const s3 = await localSignIn(signInInput('everywhere@example.test'), ctx);
    const bystander = await localSignIn(signInInput(email), ctx);
    expect(await revokeAllSessions(u.userId)).toBe(3);
    for (const t of [u.token, s2.token, s3.token]) {
      expect(await checkLocalToken(t)).toEqual({ claims: null, reason: 'revoked' });
    }
    expect((await checkLocalToken(bystander.token)).claims).not.toBe(null);
    expect(await revokeAllSessions(u.userId)).toBe(0);
    // Signing in again still works.
    const again = await localSignIn(signInInput('everywhere@example.test'), ctx);
    expect((await checkLocalToken(again.token)).claims?.sub).toBe(u.userId);
  });

  it('a ban (admin_set_banned as an admin) makes a previously valid token refused', async () => {
    const u = await localSignUp(signUpInput('ban_token'), ctx);
    expect((await checkLocalToken(u.token)).claims?.sub).toBe(u.userId);
    await asUser(adminClaims, (db) =>
      db.query('select public.admin_set_banned($1, true, $2)', [u.userId, 'abusive messages']),
    );
    const check = await checkLocalToken(u.token);
    expect(check.claims).toBe(null);
    expect(['banned', 'revoked']).toContain(check.claims === null ? check.reason : 'none');
  });

  it('a banned profile is refused even when its session row is still live (reason banned)', async () => {
    const u = await localSignUp(signUpInput('ban_direct'), ctx);
    // Marks the profile banned without the admin function (e.g. a Supabase-side ban): the session stays live.
    await asService((db) =>
      db.query('update public.profiles set is_banned = true where id = $1', [u.userId]),
    );
    expect(await checkLocalToken(u.token)).toEqual({ claims: null, reason: 'banned' });
  });
});

describe('verifySessionJwt', () => {
  it('rejects random strings (seeded, 300 cases)', async () => {
    let seed = 0x9e3779b9;
    const rand = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    const secret = authSecret();
    const [h, p] = (
      await signSessionJwt({ userId: crypto.randomUUID(), email: 'r@example.test', sessionId: 's' }, secret)
    ).split('.');
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(rand() * 400);
      let s = '';
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const candidates = [
        s,
        `${h}.${p}.${s}`,
        `${s}.${s}.${s}`,
        randomBytes(Math.floor(rand() * 64)).toString('base64url'),
      ];
      for (const c of candidates) expect(await verifySessionJwt(c, secret)).toBe(null);
    }
  });
});
