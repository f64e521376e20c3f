import { type APIRequestContext, type APIResponse, expect } from '@playwright/test';

/** The error contract of lib/http/route.ts. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: { fields?: Record<string, string[]> } & Record<string, unknown>;
  };
  requestId?: string;
}

export interface AdminUser {
  id: string;
  username: string;
  display_name: string;
  role: 'fan' | 'creator' | 'staff' | 'admin';
  is_banned: boolean;
}

/** Asserts an error response: status, code, and the request id header (echoed in the body). */
export async function expectApiError(res: APIResponse, status: number, code: string): Promise<ErrorBody> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  const body = JSON.parse(text) as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  const requestId = res.headers()['x-request-id'];
  expect(requestId, 'x-request-id header').toBeTruthy();
  expect(body.requestId).toBe(requestId);
  return body;
}

/** Looks a user up through the admin API (the context must hold an admin session). */
export async function findUser(admin: APIRequestContext, username: string): Promise<AdminUser> {
  const res = await admin.get('/api/admin/users', { params: { q: username, pageSize: 100 } });
  expect(res.status(), await res.text()).toBe(200);
  const { items } = (await res.json()) as { items: AdminUser[] };
  const user = items.find((u) => u.username === username);
  if (!user) throw new Error(`No user @${username}`);
  return user;
}
