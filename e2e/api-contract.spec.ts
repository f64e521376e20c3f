import http from 'node:http';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { expectApiError, findUser } from './support/api';
import { authFile, uniqueSuffix, users } from './support/users';

/** Real HTTP against the error contract of lib/http/route.ts: `{ error: { code, message, details? } }`. */

const anonymous = { cookies: [], origins: [] };

/** PATCH with `transfer-encoding: chunked`, so the server cannot rely on a content-length header. */
function chunkedPatch(
  url: URL,
  cookie: string,
  payload: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'PATCH', headers: { 'content-type': 'application/json', cookie } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // The server may answer and close before reading everything; that is fine.
    req.on('error', reject);
    const step = 64 * 1024;
    for (let i = 0; i < payload.length; i += step) req.write(payload.slice(i, i + step));
    req.end();
  });
}

/**
 * A body sent byte for byte. Playwright re-encodes a string `data` that is not valid JSON when the
 * content type is JSON (it would arrive as a JSON string literal); a Buffer is sent as it is.
 */
function raw(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

async function ownProfile(request: APIRequestContext): Promise<Record<string, unknown>> {
  const res = await request.get('/api/profile');
  expect(res.status()).toBe(200);
  return (await res.json()).profile;
}

test.describe('as a signed-in fan', () => {
  test.use({ storageState: authFile('fan') });

  test('malformed JSON is 400 BAD_REQUEST and changes nothing', async ({ request }) => {
    const before = await ownProfile(request);
    const res = await request.patch('/api/profile', {
      headers: { 'content-type': 'application/json' },
      data: raw('{"bio": "half a body'),
    });
    await expectApiError(res, 400, 'BAD_REQUEST');
    expect(await ownProfile(request)).toEqual(before);
  });

  test('wrong types are 422 VALIDATION_ERROR with the field paths, and change nothing', async ({
    request,
  }) => {
    const before = await ownProfile(request);
    const res = await request.patch('/api/profile', {
      data: { username: 42, displayName: ['not', 'a', 'string'], bio: true, avatarUrl: 'ftp://nope' },
    });
    const body = await expectApiError(res, 422, 'VALIDATION_ERROR');
    const fields = body.error.details?.fields ?? {};
    expect(Object.keys(fields).sort()).toEqual(['avatarUrl', 'bio', 'displayName', 'username']);
    for (const messages of Object.values(fields)) {
      expect(messages.length).toBeGreaterThan(0);
    }
    expect(await ownProfile(request)).toEqual(before);
  });

  test('a valid field next to an invalid one is not saved either', async ({ request }) => {
    const before = await ownProfile(request);
    const res = await request.patch('/api/profile', {
      data: { bio: 'This must not be saved', username: 'Not Valid!' },
    });
    const body = await expectApiError(res, 422, 'VALIDATION_ERROR');
    expect(Object.keys(body.error.details?.fields ?? {})).toEqual(['username']);
    expect(await ownProfile(request)).toEqual(before);
  });

  test('taking another user’s username is 409 CONFLICT and changes nothing', async ({ request }) => {
    const before = await ownProfile(request);
    const res = await request.patch('/api/profile', {
      data: { username: users.creator.username, bio: 'must not be saved' },
    });
    const body = await expectApiError(res, 409, 'CONFLICT');
    expect(body.error.details?.fields?.username).toEqual(['That username is taken']);
    expect(await ownProfile(request)).toEqual(before);
  });

  test('an empty update is 422 VALIDATION_ERROR', async ({ request }) => {
    const res = await request.patch('/api/profile', { data: {} });
    const body = await expectApiError(res, 422, 'VALIDATION_ERROR');
    expect(body.error.message).toBeTruthy();
  });

  test('a body over 1 MB is 413 PAYLOAD_TOO_LARGE and changes nothing', async ({ request }) => {
    const before = await ownProfile(request);
    const res = await request.patch('/api/profile', {
      data: { bio: 'x'.repeat(1024 * 1024 + 10) },
    });
    await expectApiError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await ownProfile(request)).toEqual(before);
  });

  test('a chunked body over 1 MB (no content-length) is 413 too', async ({ request, baseURL }) => {
    const before = await ownProfile(request);
    const state = await request.storageState();
    const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const { status, headers, body } = await chunkedPatch(
      new URL('/api/profile', baseURL),
      cookie,
      JSON.stringify({ bio: 'y'.repeat(1024 * 1024 + 10) }),
    );
    expect(status, body).toBe(413);
    expect(JSON.parse(body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(headers['x-request-id']).toBeTruthy();
    expect(await ownProfile(request)).toEqual(before);
  });

  test('a non-JSON content type is 415 UNSUPPORTED_MEDIA_TYPE', async ({ request }) => {
    const res = await request.patch('/api/profile', {
      headers: { 'content-type': 'text/plain' },
      data: 'bio=hello',
    });
    await expectApiError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('an admin route is 403 FORBIDDEN and the target keeps their role', async ({ request, playwright }) => {
    const target = users.fan;
    const me = await ownProfile(request);
    const res = await request.post(`/api/admin/users/${me.id}/role`, {
      data: { role: 'admin', reason: 'let me in' },
    });
    await expectApiError(res, 403, 'FORBIDDEN');
    const csv = await request.get('/api/admin/users?format=csv');
    await expectApiError(csv, 403, 'FORBIDDEN');

    expect(await ownProfile(request)).toEqual(me);
    const admin = await playwright.request.newContext({ storageState: authFile('admin') });
    try {
      expect((await findUser(admin, target.username)).role).toBe('fan');
    } finally {
      await admin.dispose();
    }
  });

  test('a client-supplied x-request-id is echoed on errors', async ({ request }) => {
    const res = await request.patch('/api/profile', {
      headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-trace-123' },
      data: raw('{'),
    });
    expect(res.headers()['x-request-id']).toBe('e2e-trace-123');
    await expectApiError(res, 400, 'BAD_REQUEST');
  });
});

test.describe('anonymous', () => {
  test.use({ storageState: anonymous });

  test('PATCH /api/profile is 401 AUTH_REQUIRED', async ({ request }) => {
    const res = await request.patch('/api/profile', { data: { bio: 'anonymous edit' } });
    await expectApiError(res, 401, 'AUTH_REQUIRED');
    const get = await request.get('/api/profile');
    await expectApiError(get, 401, 'AUTH_REQUIRED');
  });

  test('malformed JSON on sign-in is 400 BAD_REQUEST', async ({ request }) => {
    const res = await request.post('/api/auth/signin', {
      headers: { 'content-type': 'application/json' },
      data: raw('email=someone'),
    });
    await expectApiError(res, 400, 'BAD_REQUEST');
  });

  test('sign-up with wrong types is 422 with every field path', async ({ request }) => {
    const res = await request.post('/api/auth/signup', {
      data: { email: 12, password: false, username: null, displayName: { a: 1 } },
    });
    const body = await expectApiError(res, 422, 'VALIDATION_ERROR');
    expect(Object.keys(body.error.details?.fields ?? {}).sort()).toEqual([
      'displayName',
      'email',
      'password',
      'username',
    ]);
  });

  test('sign-up with a taken email or username is 409 CONFLICT and creates nothing', async ({
    request,
    playwright,
  }) => {
    const username = `dup_${uniqueSuffix()}`;
    const takenEmail = await request.post('/api/auth/signup', {
      data: {
        email: users.creator.email.toUpperCase(),
        password: 'long-enough-password',
        username,
        displayName: 'Duplicate Email',
      },
    });
    const body = await expectApiError(takenEmail, 409, 'CONFLICT');
    expect(body.error.details?.fields?.email).toEqual(['An account with this email already exists']);
    // No session was issued.
    expect(takenEmail.headers()['set-cookie'] ?? '').not.toContain('cos_session=');

    const takenUsername = await request.post('/api/auth/signup', {
      data: {
        email: `${username}@example.com`,
        password: 'long-enough-password',
        username: users.creator.username,
        displayName: 'Duplicate Username',
      },
    });
    const body2 = await expectApiError(takenUsername, 409, 'CONFLICT');
    expect(body2.error.details?.fields?.username).toEqual(['That username is taken']);

    const admin = await playwright.request.newContext({ storageState: authFile('admin') });
    try {
      const res = await admin.get('/api/admin/users', { params: { q: username } });
      expect((await res.json()).total).toBe(0);
      const creator = await findUser(admin, users.creator.username);
      expect(creator.display_name).toBe(users.creator.displayName);
    } finally {
      await admin.dispose();
    }
  });

  test('success responses carry x-request-id too', async ({ request }) => {
    const res = await request.get('/api/creators', { params: { page: 1 } });
    expect(res.status()).toBe(200);
    expect(res.headers()['x-request-id']).toBeTruthy();
    const body = await res.json();
    expect(body.items.length).toBeGreaterThan(0);
  });

  test('invalid query parameters are 422 VALIDATION_ERROR', async ({ request }) => {
    const res = await request.get('/api/creators', { params: { page: 'zero' } });
    const body = await expectApiError(res, 422, 'VALIDATION_ERROR');
    expect(Object.keys(body.error.details?.fields ?? {})).toEqual(['page']);
  });
});
