import { expect, test } from '@playwright/test';
import { authFile } from './support/users';

/**
 * The profile page's Discord card: a /link code is entered there. Without a real Discord interaction in
 * this suite the happy path is covered by tests/discord/link.test.ts; here the card, its validation and
 * the server's refusal of an unknown code are checked in the browser.
 */
test.describe('Discord link on the profile page', () => {
  test.use({ storageState: authFile('fan') });

  test('shows the link form and explains a malformed or unknown code', async ({ page }) => {
    await page.goto('/profile');
    const card = page.getByRole('main');
    await expect(card.getByRole('heading', { name: 'Discord', level: 2 })).toBeVisible();
    const code = card.getByLabel('Link code');
    const submit = card.getByRole('button', { name: 'Link Discord' });
    await expect(submit).toBeDisabled();
    await code.fill('abc');
    await submit.click();
    await expect(card.getByText('The code has 8 letters and digits, like ABCD-EFGH')).toBeVisible();
    await code.fill('ZZZZ-ZZZZ');
    await submit.click();
    await expect(
      card.getByText('That code is not valid. Run /link in Discord again to get a new one.'),
    ).toBeVisible();
    await expect(card.getByRole('button', { name: 'Unlink Discord' })).toHaveCount(0);
  });
});
