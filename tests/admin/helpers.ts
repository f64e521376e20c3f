import { expect } from 'vitest';
import { jar } from '../helpers/next-headers';

/** Shared set-up for the admin tests: real users of each role, signed in through the real sign-in route. */
export const PASSWORD = 'correct-horse-battery';
let seq = 0;

export type Role = 'fan' | 'creator' | 'staff' | 'admin';
export interface TestUser {
  id: string;
  email: string;
  username: string;
  role: Role;
}

export async function makeUser(role: Role = 'fan', name?: string): Promise<TestUser> {
  const { createLocalUser } = await import('@/lib/auth/local-auth');
  const { asService } = await import('@/lib/db/tx');
  const n = ++seq;
  const username = name ?? `adm_${role}_${n}_${Math.random().toString(36).slice(2, 6)}`;
  const email = `${username}@example.test`;
  const id = await createLocalUser({ email, password: PASSWORD, username, displayName: `User ${n}` });
  if (role !== 'fan')
    await asService((db) => db.query('update public.profiles set role = $2 where id = $1', [id, role]));
  return { id, email, username, role };
}

export function jsonRequest(
  url: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Request {
  return new Request(`http://localhost${url}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.9.${++seq % 250}.${seq % 200}`,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

// Sign-in is rate limited per email: sign each user in once and reuse their session cookies.
const sessions = new Map<string, Map<string, string>>();

export async function signInAs(user: TestUser | null): Promise<void> {
  jar.values.clear();
  if (!user) return;
  const saved = sessions.get(user.id);
  if (saved) {
    for (const [k, v] of saved) jar.values.set(k, v);
    return;
  }
  const { POST: signin } = await import('@/app/api/auth/signin/route');
  const res = await signin(jsonRequest('/api/auth/signin', { email: user.email, password: PASSWORD }));
  expect(res.status).toBe(200);
  sessions.set(user.id, new Map(jar.values));
}

export const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

export async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const { asService } = await import('@/lib/db/tx');
  return asService(async (db) => (await db.query(text, values)).rows as T[]);
}

/** The admin audit rows for an action, oldest first. */
export async function auditRows(action: string) {
  return sql<{
    actor_id: string | null;
    target_id: string | null;
    reason: string;
    before: unknown;
    after: unknown;
  }>(
    'select actor_id, target_id, reason, before, after from public.admin_audit_log where action = $1 order by id',
    [action],
  );
}
