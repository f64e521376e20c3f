import path from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { authFile, uniqueSuffix } from './support/users';

/**
 * A new fan buys tokens, finds a locked post on Luna's profile, subscribes to her first tier and reads it;
 * Luna sees the subscriber on her subscriptions page. Screenshots (desktop + mobile) for review.
 */
const PASSWORD = 'correct-horse-battery';
const DIR = path.join(import.meta.dirname, 'screenshots');

async function signUp(context: BrowserContext, username: string): Promise<void> {
  const res = await context.request.post('/api/auth/signup', {
    data: { email: `${username}@example.test`, password: PASSWORD, username, displayName: `Fan ${username}` },
  });
  expect(res.status(), await res.text()).toBe(200);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Full-page shots from the top, so the sticky header sits where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator('time').filter({ hasText: / UTC$/ })).toHaveCount(0);
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

test('a fan subscribes and a locked post unlocks; the creator sees the subscriber', async ({ browser }) => {
  // A long journey across three accounts on a shared 2-core machine.
  test.setTimeout(120_000);
  const fanContext = await browser.newContext();
  const page = await fanContext.newPage();
  const username = `e2e_sub_${uniqueSuffix()}`;
  await signUp(fanContext, username);

  // Tokens through the local checkout.
  await page.goto('/wallet');
  await page.getByRole('button', { name: /550 tokens/i }).click();
  await page.getByRole('button', { name: /Pay and get 550 tokens/ }).click();
  await expect(page.getByTestId('wallet-balance')).toContainText('550');

  // Discovery: find Luna by a word of her bio and a category, and bookmark her.
  await page.goto('/creators?q=acoustic&category=music');
  await expect(page.getByTestId('creator-card').first()).toContainText('Luna Vega');
  await page.getByRole('button', { name: 'Save Luna Vega' }).click();
  await expect(page.getByRole('button', { name: 'Remove Luna Vega from saved creators' })).toBeVisible();
  await shoot(page, 'discovery');

  await page.goto('/creators/luna_vega');
  const locked = page.getByTestId('post').filter({ hasText: 'Northern Lights' });
  await expect(locked).toHaveAttribute('data-locked', 'true');
  await expect(locked).toContainText('For subscribers of Front Row or above');
  await expect(locked).not.toContainText('one take');
  await shoot(page, 'subscriptions-profile-locked');

  await page
    .getByTestId('tier-1')
    .getByRole('button', { name: /Subscribe for 50 tokens/ })
    .click();
  await expect(page.getByTestId('subscription-state')).toContainText('Subscribed until');
  await expect(locked).toHaveAttribute('data-locked', 'false');
  await expect(locked).toContainText('Recorded this at 2am in one take');
  // The Backstage post stays locked for a Front Row subscriber.
  await expect(page.getByTestId('post').filter({ hasText: 'Lyric sheet' })).toHaveAttribute(
    'data-locked',
    'true',
  );
  await shoot(page, 'subscriptions-profile-unlocked');

  await page.goto('/subscriptions');
  await expect(page.getByRole('heading', { level: 1, name: 'My subscriptions' })).toBeVisible();
  await expect(page.getByTestId('my-subscription')).toContainText('Luna Vega');
  await expect(page.getByTestId('saved-creators')).toContainText('Luna Vega');
  await shoot(page, 'subscriptions-fan');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'subscriptions-fan-mobile');
  await page.goto('/creators/luna_vega');
  await shoot(page, 'subscriptions-profile-mobile');
  await page.goto('/creators');
  await shoot(page, 'discovery-mobile');
  await page.goto('/creators/luna_vega');

  // Cancel: access continues to the end of the month.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(page.getByTestId('subscription-state')).toContainText('Cancelled — access until');
  await expect(locked).toHaveAttribute('data-locked', 'false');
  await fanContext.close();

  // Luna sees the subscriber with the loyalty badge, and the figures.
  const creatorContext = await browser.newContext({ storageState: authFile('creator') });
  const cpage = await creatorContext.newPage();
  await cpage.goto('/creator/subscriptions');
  await expect(cpage.getByRole('heading', { level: 1, name: 'Subscriptions' })).toBeVisible();
  const row = cpage.getByTestId('subscribers-table').getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText('Front Row');
  await expect(row).toContainText('Subscribed 1 month');
  await expect(cpage.getByTestId('stat-active')).not.toHaveText('0');
  await shoot(cpage, 'subscriptions-creator');
  await cpage.setViewportSize({ width: 390, height: 844 });
  await shoot(cpage, 'subscriptions-creator-mobile');
  const csv = await cpage.request.get('/api/subscriptions/subscribers?format=csv');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(username);
  await creatorContext.close();
});
