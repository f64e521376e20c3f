import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { authFile, uniqueSuffix } from './support/users';

/** A fan buys a signed poster (shipping address) from Luna; Luna marks it shipped; the fan confirms. */
const PASSWORD = 'correct-horse-battery';
const DIR = path.join(import.meta.dirname, 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Full-page shots from the top, so the sticky header sits where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.locator('time').filter({ hasText: / UTC$/ })).toHaveCount(0);
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

test('a fan buys a physical product, the creator ships it, the fan confirms receipt', async ({ browser }) => {
  // A long journey across three accounts on a shared 2-core machine.
  test.setTimeout(120_000);
  const fanContext = await browser.newContext();
  const page = await fanContext.newPage();
  const username = `e2e_shop_${uniqueSuffix()}`;
  const res = await fanContext.request.post('/api/auth/signup', {
    data: { email: `${username}@example.test`, password: PASSWORD, username, displayName: `Fan ${username}` },
  });
  expect(res.status()).toBe(200);
  await page.goto('/wallet');
  await page.getByRole('button', { name: /550 tokens/i }).click();
  await page.getByRole('button', { name: /Pay and get 550 tokens/ }).click();
  await expect(page.getByTestId('wallet-balance')).toContainText('550');

  await page.goto('/creators/luna_vega');
  const poster = page.getByTestId('product').filter({ hasText: 'Signed tour poster' });
  await poster.getByRole('button', { name: /Buy for 120 tokens/ }).click();
  // Paying without an address shows the field errors and charges nothing.
  await poster.getByRole('button', { name: /Pay 120 tokens/ }).click();
  await expect(poster.getByText('Name is required')).toBeVisible();
  await poster.getByLabel('Full name').fill('Alex Park');
  await poster.getByLabel('Street address').fill('1 Rue de Rivoli');
  await poster.getByLabel('City').fill('Paris');
  await poster.getByLabel('Postal code').fill('75001');
  await poster.getByLabel(/Country/).fill('FR');
  await shoot(page, 'shop-profile-checkout');
  await poster.getByRole('button', { name: /Pay 120 tokens/ }).click();
  await expect(page.getByText('Bought Signed tour poster')).toBeVisible();

  await page.goto('/orders');
  const row = page.getByTestId('orders-bought').getByRole('row', { name: /Signed tour poster/ });
  await expect(row).toContainText('Pending');
  await shoot(page, 'shop-orders-fan');

  const creatorContext = await browser.newContext({ storageState: authFile('creator') });
  const cpage = await creatorContext.newPage();
  await cpage.goto('/creator/shop');
  const sold = cpage.getByTestId('orders-sold').getByRole('row', { name: new RegExp(username) });
  await expect(sold).toContainText('1 Rue de Rivoli');
  await sold.getByLabel('Tracking number (optional)').fill('LP123456FR');
  await sold.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(sold).toContainText('Shipped');
  await shoot(cpage, 'shop-creator');
  await cpage.setViewportSize({ width: 390, height: 844 });
  await shoot(cpage, 'shop-creator-mobile');
  await creatorContext.close();

  await page.reload();
  await expect(row).toContainText('Tracking: LP123456FR');
  await row.getByRole('button', { name: 'I received it' }).click();
  await expect(row).toContainText('Completed');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/creators/luna_vega');
  await shoot(page, 'shop-profile-mobile');
  await fanContext.close();
});
