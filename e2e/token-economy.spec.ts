import { type BrowserContext, expect, test } from '@playwright/test';
import { uniqueSuffix } from './support/users';

/**
 * The token economy as a new fan lives it: buy tokens through the local checkout (which posts a
 * Stripe-signed event to the real webhook), tip a creator, see both histories; the creator sees earnings.
 */
const PASSWORD = 'correct-horse-battery';

async function signUp(context: BrowserContext, username: string): Promise<string> {
  const email = `${username}@example.test`;
  const res = await context.request.post('/api/auth/signup', {
    data: { email, password: PASSWORD, username, displayName: `Fan ${username}` },
  });
  expect(res.status(), await res.text()).toBe(200);
  return email;
}

test('a new fan buys tokens, tips a creator, and the creator sees the earnings', async ({ browser }) => {
  const fanContext = await browser.newContext();
  const page = await fanContext.newPage();
  const username = `e2e_ledger_${uniqueSuffix()}`;
  const email = await signUp(fanContext, username);

  await page.goto('/wallet');
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible();
  await expect(page.getByTestId('wallet-balance')).toContainText('0');

  // Buy the 550-token package through the local checkout.
  await page.getByRole('button', { name: /550 tokens/i }).click();
  await expect(page).toHaveURL(/\/checkout\/local\?session=cs_local_/);
  await page.getByRole('button', { name: /Pay and get 550 tokens/ }).click();
  await expect(page).toHaveURL(/\/wallet/);
  await expect(page.getByTestId('wallet-balance')).toContainText('550');
  await expect(page.getByRole('row', { name: /Purchase/ }).first()).toContainText('+550');

  // Tip Kai 100 tokens with a message.
  await page.goto('/creators/kai_rivers');
  await expect(page.getByTestId('tip-balance')).toContainText('550');
  // Send tip is enabled once the page has hydrated: choosing and typing before that would be lost.
  await expect(page.getByRole('button', { name: 'Send tip' })).toBeEnabled();
  await page.getByRole('button', { name: '100', exact: true }).click();
  await page.getByLabel('Message (optional)').fill('Great workout plan!');
  await page.getByRole('button', { name: 'Send tip' }).click();
  await expect(page.getByText(/You tipped Kai Rivers 100 tokens/)).toBeVisible();
  await expect(page.getByTestId('tip-balance')).toContainText('450');

  // Too large a tip: clear error with a way to buy tokens, nothing moves.
  await page.getByLabel('Custom amount').fill('5000');
  await page.getByRole('button', { name: 'Send tip' }).click();
  await expect(page.getByText('Not enough tokens')).toBeVisible();
  await expect(page.getByRole('link', { name: /Buy tokens/ })).toBeVisible();
  await expect(page.getByTestId('tip-balance')).toContainText('450');

  // The fan's history shows both movements.
  await page.goto('/wallet');
  await expect(page.getByTestId('wallet-balance')).toContainText('450');
  const tipRow = page.getByRole('row', { name: /Kai Rivers/ });
  await expect(tipRow).toContainText('−100');
  await expect(tipRow).toContainText('Great workout plan!');

  // A receipt was emailed (local outbox).
  await page.goto('/dev/outbox');
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: email })
      .filter({ hasText: /receipt/i })
      .first(),
  ).toBeVisible();
  await fanContext.close();

  // Kai sees the earnings: 80% of 100 tokens.
  const kai = await browser.newContext();
  const res = await kai.request.post('/api/auth/signin', {
    data: { email: 'kai@demo.communityos.dev', password: 'communityos-demo' },
  });
  expect(res.status()).toBe(200);
  const kaiPage = await kai.newPage();
  await kaiPage.goto('/creator/earnings');
  await expect(kaiPage.getByRole('heading', { level: 1, name: 'Earnings' })).toBeVisible();
  await expect(kaiPage.getByTestId('earnings-available')).toContainText('80');
  await kai.close();
});
