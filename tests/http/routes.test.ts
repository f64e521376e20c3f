import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jar, nextHeadersMock } from '../helpers/next-headers';

vi.mock('next/headers', () => nextHeadersMock());

const { POST: signup } = await import('@/app/api/auth/signup/route');
const { POST: signin } = await import('@/app/api/auth/signin/route');
const { POST: signout } = await import('@/app/api/auth/signout/route');
const { GET: getProfile, PATCH: patchProfile } = await import('@/app/api/profile/route');
const { POST: setRole } = await import('@/app/api/admin/users/[id]/role/route');
const { POST: setBan } = await import('@/app/api/admin/users/[id]/ban/route');
const { GET: listUsersRoute } = await import('@/app/api/admin/users/route');
const { GET: inngestGet } = await import('@/app/api/inngest/route');
const { route } = await import('@/lib/http/route');
const { asService } = await import('@/lib/db/tx');
const { resetEnvCache } = await import('@/lib/env');
const { createLocalUser } = await import('@/lib/auth/local-auth');
const { SESSION_COOKIE } = await import('@/lib/auth/jwt');

const PASSWORD = 'correct-horse-battery';
let seq = 0;

function jsonRequest(
  url: string,
  body: unknown,
  init: { method?: string; headers?: Record<string, string> } = {},
) {
  return new Request(`http://localhost${url}`, {
    method: init.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.0.0.${++seq % 250}`,
      ...init.headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function count(sql: string): Promise<number> {
  return asService(async (db) => Number((await db.query<{ n: number }>(sql)).rows[0]?.n));
}

async function makeUser(role: 'fan' | 'admin' = 'fan') {
  const n = ++seq;
  const email = `u${n}@example.test`;
  const id = await createLocalUser({
    email,
    password: PASSWORD,
    username: `user_${n}`,
    displayName: `User ${n}`,
  });
  if (role !== 'fan')
    await asService((db) => db.query('update public.profiles set role = $2 where id = $1', [id, role]));
  return { id, email, username: `user_${n}` };
}

async function signInAs(email: string) {
  jar.values.clear();
  const res = await signin(jsonRequest('/api/auth/signin', { email, password: PASSWORD }));
  expect(res.status).toBe(200);
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

beforeEach(() => jar.values.clear());

describe('error contract (table-driven): bad input is a 4xx with the contract and writes nothing', () => {
  const valid = { email: 'new@example.test', password: PASSWORD, username: 'new_user', displayName: 'New' };
  const cases: {
    name: string;
    body: unknown;
    headers?: Record<string, string>;
    status: number;
    code: string;
  }[] = [
    { name: 'malformed JSON', body: '{"email": ', status: 400, code: 'BAD_REQUEST' },
    { name: 'empty body', body: '', status: 400, code: 'BAD_REQUEST' },
    {
      name: 'wrong types',
      body: { ...valid, email: 42, password: true },
      status: 422,
      code: 'VALIDATION_ERROR',
    },
    { name: 'missing fields', body: {}, status: 422, code: 'VALIDATION_ERROR' },
    {
      name: 'invalid username',
      body: { ...valid, username: 'No Spaces!' },
      status: 422,
      code: 'VALIDATION_ERROR',
    },
    { name: 'short password', body: { ...valid, password: 'short' }, status: 422, code: 'VALIDATION_ERROR' },
    {
      name: 'oversize body',
      body: { ...valid, pad: 'x'.repeat(1024 * 1024) },
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
    {
      name: 'not JSON',
      body: 'email=a@b.c',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}`, async () => {
      const before = await count('select count(*) as n from auth.users');
      const res = await signup(jsonRequest('/api/auth/signup', c.body, { headers: c.headers }));
      expect(res.status).toBe(c.status);
      expect(res.headers.get('x-request-id')).toBeTruthy();
      const body = await res.json();
      expect(body.error.code).toBe(c.code);
      expect(typeof body.error.message).toBe('string');
      expect(await count('select count(*) as n from auth.users')).toBe(before);
      expect(jar.values.has(SESSION_COOKIE)).toBe(false);
    });
  }

  it('422 names every invalid field by path', async () => {
    const res = await signup(
      jsonRequest('/api/auth/signup', { email: 'nope', password: 1, username: 'A', displayName: '' }),
    );
    const body = await res.json();
    expect(Object.keys(body.error.details.fields).sort()).toEqual([
      'displayName',
      'email',
      'password',
      'username',
    ]);
  });

  it('a body that lies about its size is still cut at 1 MB', async () => {
    const big = JSON.stringify({ pad: 'y'.repeat(1024 * 1024 + 10) });
    const req = new Request('http://localhost/api/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '10' },
      body: big,
    });
    const res = await signup(req);
    expect(res.status).toBe(413);
  });
});

describe('sign-up, sign-in, sign-out through the routes', () => {
  it('signs up: session cookie (httpOnly, lax), profile, welcome email in the outbox', async () => {
    const res = await signup(
      jsonRequest('/api/auth/signup', {
        email: 'Maya@Example.test',
        password: PASSWORD,
        username: 'maya',
        displayName: 'Maya',
      }),
    );
    expect(res.status).toBe(200);
    expect(jar.values.get(SESSION_COOKIE)).toBeTruthy();
    expect(jar.lastOptions.get(SESSION_COOKIE)).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/' });
    const me = await (await getProfile(new Request('http://localhost/api/profile'))).json();
    expect(me.profile).toMatchObject({ username: 'maya', display_name: 'Maya', role: 'fan' });
    const mail = await asService((db) =>
      db.query('select subject, text_body from private.email_outbox where to_address = $1', [
        'maya@example.test',
      ]),
    );
    expect(mail.rows).toHaveLength(1);
    expect(mail.rows[0].subject).toBe('Welcome to CommunityOS');
    expect(mail.rows[0].text_body).toContain('@maya');
  });

  it('duplicate email → 409 CONFLICT and nothing written', async () => {
    const u = await makeUser();
    const before = await count('select count(*) as n from auth.users');
    const res = await signup(
      jsonRequest('/api/auth/signup', {
        email: u.email.toUpperCase(),
        password: PASSWORD,
        username: 'other_name',
        displayName: 'X',
      }),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('CONFLICT');
    expect(await count('select count(*) as n from auth.users')).toBe(before);
  });

  it('wrong password → 401 INVALID_CREDENTIALS, no cookie', async () => {
    const u = await makeUser();
    const res = await signin(
      jsonRequest('/api/auth/signin', { email: u.email, password: 'wrong-password!' }),
    );
    expect(res.status).toBe(401);
    expect((await res.json()).error).toEqual({
      code: 'INVALID_CREDENTIALS',
      message: 'Email or password is incorrect',
    });
    expect(jar.values.has(SESSION_COOKIE)).toBe(false);
  });

  it('sign-out revokes the session: the old cookie no longer authenticates', async () => {
    const u = await makeUser();
    await signInAs(u.email);
    const token = jar.values.get(SESSION_COOKIE) as string;
    expect((await signout(jsonRequest('/api/auth/signout', {}))).status).toBe(200);
    jar.values.set(SESSION_COOKIE, token); // replay the old cookie
    const res = await getProfile(new Request('http://localhost/api/profile'));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('AUTH_REQUIRED');
  });

  it.each([
    [undefined, 10],
    ['3', 3],
  ])(
    'rate limits sign-ups per IP (SIGNUP_LIMIT_PER_IP_HOUR=%s → %i an hour); nothing is created after',
    async (setting, max) => {
      const prev = process.env.SIGNUP_LIMIT_PER_IP_HOUR;
      if (setting === undefined) delete process.env.SIGNUP_LIMIT_PER_IP_HOUR;
      else process.env.SIGNUP_LIMIT_PER_IP_HOUR = setting;
      resetEnvCache();
      try {
        const ip = `172.16.${max}.9`;
        const attempt = (i: number) =>
          signup(
            jsonRequest(
              '/api/auth/signup',
              {
                email: `many${max}-${i}@example.test`,
                password: PASSWORD,
                username: `many${max}_${i}`,
                displayName: 'Many',
              },
              { headers: { 'x-forwarded-for': ip } },
            ),
          );
        for (let i = 0; i < max; i++) expect((await attempt(i)).status).toBe(200);
        const res = await attempt(max);
        expect(res.status).toBe(429);
        expect((await res.json()).error.code).toBe('RATE_LIMITED');
        expect(
          (
            await asService((db) =>
              db.query('select 1 from public.profiles where username = $1', [`many${max}_${max}`]),
            )
          ).rowCount,
        ).toBe(0);
      } finally {
        if (prev === undefined) delete process.env.SIGNUP_LIMIT_PER_IP_HOUR;
        else process.env.SIGNUP_LIMIT_PER_IP_HOUR = prev;
        resetEnvCache();
      }
    },
  );

  it('rate limits sign-in per email: the 11th attempt in 15 minutes → 429 with Retry-After', async () => {
    const u = await makeUser();
    for (let i = 0; i < 10; i++) {
      const r = await signin(
        jsonRequest('/api/auth/signin', { email: u.email, password: 'wrong-password!' }),
      );
      expect(r.status).toBe(401);
    }
    const res = await signin(jsonRequest('/api/auth/signin', { email: u.email, password: PASSWORD }));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe('RATE_LIMITED');
  });
});

describe('profile route', () => {
  it('anonymous PATCH → 401 AUTH_REQUIRED', async () => {
    const res = await patchProfile(jsonRequest('/api/profile', { bio: 'hi' }, { method: 'PATCH' }));
    expect(res.status).toBe(401);
  });

  it('updates own profile; a taken username → 409 with the field; role in the body is ignored', async () => {
    const other = await makeUser();
    const u = await makeUser();
    await signInAs(u.email);
    const ok = await patchProfile(
      jsonRequest(
        '/api/profile',
        { displayName: 'Renamed', bio: 'Hello', avatarUrl: 'https://img.example/a.png', role: 'admin' },
        { method: 'PATCH' },
      ),
    );
    expect(ok.status).toBe(200);
    expect((await ok.json()).profile).toMatchObject({ display_name: 'Renamed', bio: 'Hello', role: 'fan' });
    const taken = await patchProfile(
      jsonRequest('/api/profile', { username: other.username }, { method: 'PATCH' }),
    );
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.details.fields.username).toBeDefined();
    const bad = await patchProfile(
      jsonRequest('/api/profile', { avatarUrl: 'javascript:alert(1)' }, { method: 'PATCH' }),
    );
    expect(bad.status).toBe(422);
    const me = await (await getProfile(new Request('http://localhost/api/profile'))).json();
    expect(me.profile).toMatchObject({ username: u.username, avatar_url: 'https://img.example/a.png' });
  });
});

describe('admin routes', () => {
  it('a fan gets 403 FORBIDDEN and nothing changes', async () => {
    const target = await makeUser();
    const fan = await makeUser();
    await signInAs(fan.email);
    const res = await setRole(
      jsonRequest(`/api/admin/users/${target.id}/role`, { role: 'admin', reason: 'let me in' }),
      params(target.id),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('FORBIDDEN');
    expect(await count('select count(*) as n from public.admin_audit_log')).toBe(0);
  });

  it('an admin changes a role and bans; both are audit-logged; the banned user cannot sign in', async () => {
    const target = await makeUser();
    const admin = await makeUser('admin');
    await signInAs(admin.email);
    const r1 = await setRole(
      jsonRequest(`/api/admin/users/${target.id}/role`, { role: 'creator', reason: 'approved creator' }),
      params(target.id),
    );
    expect(r1.status).toBe(200);
    expect((await r1.json()).profile.role).toBe('creator');
    const noReason = await setBan(
      jsonRequest(`/api/admin/users/${target.id}/ban`, { banned: true, reason: '' }),
      params(target.id),
    );
    expect(noReason.status).toBe(422);
    const r2 = await setBan(
      jsonRequest(`/api/admin/users/${target.id}/ban`, { banned: true, reason: 'spam' }),
      params(target.id),
    );
    expect(r2.status).toBe(200);
    const audit = await asService((db) =>
      db.query('select action, reason from public.admin_audit_log order by id'),
    );
    expect(audit.rows).toEqual([
      { action: 'profile.role', reason: 'approved creator' },
      { action: 'profile.ban', reason: 'spam' },
    ]);
    jar.values.clear();
    const res = await signin(jsonRequest('/api/auth/signin', { email: target.email, password: PASSWORD }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('ACCOUNT_BANNED');
  });

  it('bad user id → 422; unknown user → 404', async () => {
    const admin = await makeUser('admin');
    await signInAs(admin.email);
    const bad = await setRole(
      jsonRequest('/api/admin/users/nope/role', { role: 'fan', reason: 'xyz' }),
      params('nope'),
    );
    expect(bad.status).toBe(422);
    const missing = '00000000-0000-4000-8000-000000000000';
    const nf = await setRole(
      jsonRequest(`/api/admin/users/${missing}/role`, { role: 'fan', reason: 'xyz' }),
      params(missing),
    );
    expect(nf.status).toBe(404);
  });

  it('exports the user list as CSV with the current filters', async () => {
    const admin = await makeUser('admin');
    await makeUser();
    await signInAs(admin.email);
    const res = await listUsersRoute(new Request('http://localhost/api/admin/users?format=csv&role=admin'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,username,display_name,role,is_banned,created_at_utc');
    expect(lines.slice(1).every((l) => l.includes(',admin,'))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });
});

describe('server errors and jobs seam', () => {
  it('an unexpected error → 500 INTERNAL with a request id, written to app_logs', async () => {
    const boom = route({ auth: 'none' }, async () => {
      throw new Error('kaboom in handler');
    });
    const res = await boom(
      new Request('http://localhost/api/x', { headers: { 'x-request-id': 'req-test-500' } }),
    );
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).not.toContain('kaboom');
    const logged = await asService((db) =>
      db.query('select level, message from private.app_logs where request_id = $1', ['req-test-500']),
    );
    expect(logged.rows).toEqual([{ level: 'error', message: 'kaboom in handler' }]);
  });

  it('a client that goes away mid-body gets 400 BAD_REQUEST, and nothing is logged as a server error', async () => {
    const { z } = await import('zod');
    let handled = false;
    const echo = route({ auth: 'none', body: z.object({ a: z.number() }) }, async () => {
      handled = true;
      return { ok: true };
    });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const res = await echo(
      new Request('http://localhost/api/y', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-test-aborted' },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The request body was not received completely',
    });
    expect(handled).toBe(false);
    const logged = await asService((db) =>
      db.query('select 1 from private.app_logs where request_id = $1', ['req-test-aborted']),
    );
    expect(logged.rowCount).toBe(0);
  });

  it('/api/inngest answers 503 NOT_CONFIGURED without Inngest keys', async () => {
    const res = await inngestGet(new Request('http://localhost/api/inngest') as never, {} as never);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('NOT_CONFIGURED');
  });
});
