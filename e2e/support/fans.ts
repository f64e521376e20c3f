import { type BrowserContext, expect, type Page } from '@playwright/test';
import { uniqueSuffix } from './users';

/** The password every fan made by newFanWithTokens signs up with. */
export const FAN_PASSWORD = 'correct-horse-battery';

/**
 * Signs up a new fan in `context` (username `<prefix>_<unique>`, display name `<displayPrefix> <username>`)
 * and buys the 550-token package through the local checkout on `page`. Returns the username.
 */
export async function newFanWithTokens(
  context: BrowserContext,
  page: Page,
  names: { prefix: string; displayPrefix: string },
): Promise<string> {
  const username = `${names.prefix}_${uniqueSuffix()}`;
  const res = await context.request.post('/api/auth/signup', {
    data: {
      email: `${username}@example.test`,
      password: FAN_PASSWORD,
      username,
      displayName: `${names.displayPrefix} ${username}`,
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  await page.goto('/wallet');
  await page.getByRole('button', { name: /550 tokens/i }).click();
  await page.getByRole('button', { name: /Pay and get 550 tokens/ }).click();
  await expect(page.getByTestId('wallet-balance')).toContainText('550');
  return username;
}
