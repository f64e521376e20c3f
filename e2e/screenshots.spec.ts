import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { authFile, type SavedRole, users } from './support/users';

/**
 * Full-page screenshots of every page for visual review (e2e/screenshots/, gitignored). Each shot first
 * asserts the page really rendered (status and main heading), so a broken page fails the test.
 */

const DIR = path.join(import.meta.dirname, 'screenshots');

interface Shot {
  name: string;
  path: string;
  heading: string | RegExp;
  status?: number;
  as?: SavedRole;
}

const shots: Shot[] = [
  { name: 'landing', path: '/', heading: 'Earn from your community. Run it well.' },
  { name: 'creators', path: '/creators', heading: 'Creators' },
  {
    name: 'creator-profile',
    path: `/creators/${users.creator.username}`,
    heading: users.creator.displayName,
  },
  { name: 'signin', path: '/signin', heading: 'Sign in' },
  { name: 'signup', path: '/signup', heading: 'Create your account' },
  { name: 'outbox', path: '/dev/outbox', heading: 'Email outbox' },
  { name: 'profile', path: '/profile', heading: 'Your profile', as: 'fan' },
  { name: 'creator-studio', path: '/creator', heading: 'Creator studio', as: 'creator' },
  { name: 'dashboard', path: '/dashboard', heading: 'Dashboard', as: 'staff' },
  { name: 'admin', path: '/admin', heading: 'Admin', as: 'admin' },
  { name: 'wallet', path: '/wallet', heading: 'Wallet', as: 'fan' },
  { name: 'creator-earnings', path: '/creator/earnings', heading: 'Earnings', as: 'creator' },
  { name: 'admin-ledger', path: '/admin/ledger', heading: 'Ledger', as: 'admin' },
  { name: 'creator-calls', path: '/creator/calls', heading: 'Paid calls', as: 'creator' },
  { name: 'calls', path: '/calls', heading: 'Calls', as: 'fan' },
  {
    name: 'forbidden',
    path: '/admin',
    heading: 'You don’t have access to this page',
    status: 403,
    as: 'fan',
  },
];

async function capture(page: Page, shot: Shot, file: string): Promise<void> {
  const res = await page.goto(shot.path);
  expect(res?.status(), `status of ${shot.path}`).toBe(shot.status ?? 200);
  await expect(page).toHaveURL(shot.path);
  await expect(page.getByRole('heading', { level: 1, name: shot.heading, exact: true })).toBeVisible();
  // Capture the hydrated page: LocalTime swaps the server's UTC text for local time after hydration, and
  // that reflows tables (a full-page capture sized before it would end in a blank band).
  await page.waitForLoadState('networkidle');
  await expect(page.locator('time').filter({ hasText: / UTC$/ })).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(DIR, file), fullPage: true, animations: 'disabled' });
}

for (const viewport of [
  { label: 'desktop', size: { width: 1280, height: 800 }, only: null },
  {
    label: 'mobile',
    size: { width: 390, height: 844 },
    only: ['landing', 'admin', 'wallet', 'creator-profile', 'creator-calls'],
  },
]) {
  test.describe(`${viewport.label} screenshots`, () => {
    test.use({ viewport: viewport.size });

    for (const shot of shots.filter((s) => !viewport.only || viewport.only.includes(s.name))) {
      test.describe(shot.name, () => {
        test.use({ storageState: shot.as ? authFile(shot.as) : { cookies: [], origins: [] } });

        test(`${shot.name} (${viewport.label})`, async ({ page }) => {
          const suffix = viewport.label === 'desktop' ? '' : `-${viewport.label}`;
          await capture(page, shot, `${shot.name}${suffix}.png`);
        });
      });
    }
  });
}
