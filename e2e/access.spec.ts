import { expect, type Page, test } from '@playwright/test';
import { AdminPage } from './pages/admin.po';
import { Header } from './pages/header.po';
import { SignInPage } from './pages/sign-in.po';
import { authFile, DEMO_PASSWORD, users } from './support/users';

const FORBIDDEN_TEXT = 'You don’t have access to this page';

async function expectForbidden(page: Page, path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), `status of ${path}`).toBe(403);
  await expect(page).toHaveURL(path);
  await expect(page.getByRole('heading', { name: FORBIDDEN_TEXT, level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to home' })).toBeVisible();
}

async function expectAllowed(page: Page, path: string, heading: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), `status of ${path}`).toBe(200);
  await expect(page).toHaveURL(path);
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  await expect(page.getByText(FORBIDDEN_TEXT)).toBeHidden();
}

test.describe('anonymous visitor', () => {
  for (const path of ['/admin', '/creator', '/dashboard', '/profile']) {
    test(`${path} redirects to sign-in with a return path`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL(`/signin?next=${encodeURIComponent(path)}`);
      await expect(new SignInPage(page).heading).toBeVisible();
    });
  }

  test('signing in as admin from the /admin redirect lands on /admin', async ({ page }) => {
    const signIn = new SignInPage(page);
    await page.goto('/admin');
    await expect(page).toHaveURL('/signin?next=%2Fadmin');
    await signIn.signIn(users.admin.email, DEMO_PASSWORD);
    await expect(page).toHaveURL('/admin');
    await expect(new AdminPage(page).heading).toBeVisible();
    await expect(new Header(page).accountMenu(users.admin.displayName)).toBeVisible();
  });
});

test.describe('fan', () => {
  test.use({ storageState: authFile('fan') });

  for (const path of ['/admin', '/creator', '/dashboard']) {
    test(`${path} is forbidden (403)`, async ({ page }) => {
      await expectForbidden(page, path);
    });
  }

  test('can open their profile and sees no staff navigation', async ({ page }) => {
    await expectAllowed(page, '/profile', 'Your profile');
    const nav = new Header(page).nav;
    await expect(nav.getByRole('link', { name: 'Creators' })).toBeVisible();
    for (const label of ['Creator studio', 'Dashboard', 'Admin']) {
      await expect(nav.getByRole('link', { name: label })).toHaveCount(0);
    }
  });
});

test.describe('creator', () => {
  test.use({ storageState: authFile('creator') });

  test('/creator is allowed', async ({ page }) => {
    await expectAllowed(page, '/creator', 'Creator studio');
    await expect(page.getByText(`Welcome, ${users.creator.displayName}.`)).toBeVisible();
  });

  test('/dashboard is allowed', async ({ page }) => {
    await expectAllowed(page, '/dashboard', 'Dashboard');
  });

  test('/admin is forbidden (403)', async ({ page }) => {
    await expectForbidden(page, '/admin');
  });
});

test.describe('staff', () => {
  test.use({ storageState: authFile('staff') });

  test('/dashboard is allowed', async ({ page }) => {
    await expectAllowed(page, '/dashboard', 'Dashboard');
  });

  test('/admin is forbidden (403)', async ({ page }) => {
    await expectForbidden(page, '/admin');
  });

  test('/creator is forbidden (403)', async ({ page }) => {
    await expectForbidden(page, '/creator');
  });
});

test.describe('admin', () => {
  test.use({ storageState: authFile('admin') });

  test('sees the role tiles, the charts and the users table', async ({ page }) => {
    const admin = new AdminPage(page);
    const res = await admin.goto();
    expect(res?.status()).toBe(200);
    await expect(admin.heading).toBeVisible();
    for (const role of ['fan', 'creator', 'staff', 'admin'] as const) {
      await expect(admin.roleCount(role)).toHaveText(/^\d+$/);
    }
    await expect(admin.roleCount('admin')).toHaveText('1');
    await expect(admin.roleCount('staff')).toHaveText('1');
    await expect(admin.signupsHeading).toBeVisible();
    await expect(admin.errorsHeading).toBeVisible();
    await expect(admin.usersTable).toBeVisible();
    for (const u of Object.values(users)) {
      await expect(admin.userRow(u.username)).toBeVisible();
    }
    // No actions on your own row.
    await expect(admin.userRow(users.admin.username).getByText('You', { exact: true })).toBeVisible();
    await expect(admin.userRow(users.admin.username).getByRole('button')).toHaveCount(0);
  });

  test('can open every area', async ({ page }) => {
    await expectAllowed(page, '/creator', 'Creator studio');
    await expectAllowed(page, '/dashboard', 'Dashboard');
  });
});

/**
 * The `next` return path must stay on this site. Browsers read `/\host` as `//host` and drop tabs and
 * newlines from URLs, so those spellings are off-site too.
 */
const OFF_SITE_NEXT = [
  '//evil.example/x',
  '/\\evil.example/x',
  '/\t/evil.example/x',
  'https://evil.example/x',
];

test.describe('sign-in return path', () => {
  test.describe('when already signed in', () => {
    test.use({ storageState: authFile('fan') });

    for (const next of OFF_SITE_NEXT) {
      test(`/signin?next=${JSON.stringify(next)} redirects on-site`, async ({ request, baseURL }) => {
        const res = await request.get(`/signin?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
        expect(res.status()).toBe(307);
        const location = res.headers().location ?? '';
        // Resolve as a browser would (the WHATWG URL parser treats `\` like `/` and strips tabs).
        const target = new URL(location, baseURL);
        expect(target.origin, `Location: ${JSON.stringify(location)}`).toBe(new URL(baseURL ?? '').origin);
      });
    }
  });

  test('signing in with an off-site next stays on-site', async ({ page, baseURL }) => {
    const origin = new URL(baseURL ?? '').origin;
    // Never leave the machine, whatever happens.
    await page.route(
      (url) => url.origin !== origin,
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Off-site page</h1>' }),
    );
    const signIn = new SignInPage(page);
    await signIn.goto('/\\evil.example/x');
    // dana_fan signs in nowhere else in the suite.
    await signIn.signIn('fan4@demo.communityos.dev', DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname !== '/signin');
    expect(new URL(page.url()).origin).toBe(origin);
    await expect(page).toHaveURL('/');
  });
});
