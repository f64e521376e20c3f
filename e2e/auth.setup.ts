import { expect, test as setup } from '@playwright/test';
import { authFile, DEMO_PASSWORD, type SavedRole, users } from './support/users';

/**
 * Signs in once per role through the real sign-in API and saves the session cookie. Specs reuse these
 * files, which keeps the suite well under the sign-in rate limits (10 per email, 30 per IP per 15 min).
 */
const roles: SavedRole[] = ['admin', 'staff', 'creator', 'fan'];

for (const role of roles) {
  setup(`sign in as ${role}`, async ({ request }) => {
    const { email } = users[role];
    const res = await request.post('/api/auth/signin', { data: { email, password: DEMO_PASSWORD } });
    expect(res.status(), await res.text()).toBe(200);

    const me = await request.get('/api/profile');
    expect(me.status()).toBe(200);
    expect((await me.json()).profile.username).toBe(users[role].username);

    await request.storageState({ path: authFile(role) });
  });
}
