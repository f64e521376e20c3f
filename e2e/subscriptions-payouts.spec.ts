import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { authFile, uniqueSuffix } from './support/users';

/**
 * Money out: a fan tips Luna, Luna sets up (simulated) payouts and requests one, an admin approves it on
 * /admin/payouts, and Luna sees it paid. Screenshots (desktop + mobile) for review.
 */
const PASSWORD = 'correct-horse-battery';
const DIR = path.join(import.meta.dirname, 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Full-page shots from the top, so the sticky header sits where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator('time').filter({ hasText: / UTC$/ })).toHaveCount(0);
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

test('a creator requests a payout and an admin approves it', async ({ browser }) => {
  // A long journey across three accounts on a shared 2-core machine.
  test.setTimeout(120_000);
  // Earnings for Luna: a new fan buys 1,200 tokens and tips her 1,000 (she earns 800).
  const fanContext = await browser.newContext();
  const fan = await fanContext.newPage();
  const username = `e2e_pay_${uniqueSuffix()}`;
  const res = await fanContext.request.post('/api/auth/signup', {
    data: { email: `${username}@example.test`, password: PASSWORD, username, displayName: `Fan ${username}` },
  });
  expect(res.status()).toBe(200);
  await fan.goto('/wallet');
  await fan.getByRole('button', { name: /1,200 tokens/i }).click();
  await fan.getByRole('button', { name: /Pay and get 1,200 tokens/ }).click();
  await expect(fan.getByTestId('wallet-balance')).toContainText('1,200');
  await fan.goto('/creators/luna_vega');
  await expect(fan.getByRole('button', { name: 'Send tip' })).toBeEnabled(); // hydrated
  await fan.getByLabel('Custom amount').fill('1000');
  await fan.getByRole('button', { name: 'Send tip' }).click();
  await expect(fan.getByText(/You tipped Luna Vega 1,000 tokens/)).toBeVisible();
  await fanContext.close();

  const creatorContext = await browser.newContext({ storageState: authFile('creator') });
  const page = await creatorContext.newPage();
  await page.goto('/creator/payouts');
  await expect(page.getByRole('heading', { level: 1, name: 'Payouts' })).toBeVisible();
  if (await page.getByLabel('IBAN').isVisible()) {
    await page.getByRole('button', { name: 'Save bank details' }).click();
    await expect(page.getByText('Account holder name is required')).toBeVisible();
    await page.getByLabel('Account holder').fill('Luna Vega');
    await page.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
    await page.getByRole('button', { name: 'Save bank details' }).click();
    await expect(page.getByText('···· 0189')).toBeVisible();
  }
  await page.getByLabel('Tokens to pay out').fill('500');
  await page.getByRole('button', { name: 'Request payout' }).click();
  await expect(page.getByTestId('payout-history').getByRole('row').nth(1)).toContainText('Awaiting review');
  await shoot(page, 'payouts-creator');

  const adminContext = await browser.newContext({ storageState: authFile('admin') });
  const admin = await adminContext.newPage();
  await admin.goto('/admin/payouts');
  await expect(admin.getByRole('heading', { level: 1, name: 'Payouts' })).toBeVisible();
  const row = admin
    .getByTestId('admin-payouts')
    .getByRole('row', { name: /@luna_vega/ })
    .filter({ hasText: 'Awaiting review' })
    .first();
  await shoot(admin, 'payouts-admin');
  await row.getByRole('button', { name: /^Approve/ }).click();
  await expect(admin.getByText(/Paid 500 tokens to @luna_vega/)).toBeVisible();
  await admin.setViewportSize({ width: 390, height: 844 });
  await shoot(admin, 'payouts-admin-mobile');
  await adminContext.close();

  await page.reload();
  await expect(page.getByTestId('payout-history').getByRole('row').nth(1)).toContainText('Paid');
  await page.goto('/creator/payouts/statements');
  await expect(page.getByTestId('statement-payouts')).toContainText('Paid');
  await shoot(page, 'payouts-statement');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/creator/payouts');
  await shoot(page, 'payouts-creator-mobile');
  await creatorContext.close();
});
