import path from 'node:path';
import { expect, test } from '@playwright/test';
import { newFanWithTokens } from './support/fans';
import { authFile, users } from './support/users';

/**
 * The paid-call journey with two browsers: a new fan buys tokens and calls Luna (video, 20 tokens a
 * minute); Luna, signed in elsewhere, gets the ring live and accepts; both are on the simulated call; the
 * fan ends it after the free 10 seconds; both see the same statement (1 minute, 20 tokens).
 */

test('a fan calls a creator, the creator accepts live, both see the statement', async ({ browser }) => {
  test.setTimeout(120_000);
  const fanContext = await browser.newContext();
  const fan = await fanContext.newPage();
  const username = await newFanWithTokens(fanContext, fan, { prefix: 'e2e_call', displayPrefix: 'Caller' });

  const creatorContext = await browser.newContext({ storageState: authFile('creator') });
  const creator = await creatorContext.newPage();
  await creator.goto('/creator/calls');
  await expect(creator.getByRole('heading', { level: 1 })).toBeVisible();

  // The fan starts a video call from Luna's page and waits on the ringing screen.
  await fan.goto(`/creators/${users.creator.username}`);
  await fan.getByRole('button', { name: 'Start video call' }).click();
  await expect(fan).toHaveURL(/\/calls\/[0-9a-f-]{36}$/);
  const callUrl = fan.url();
  await expect(fan.getByText(`Calling ${users.creator.displayName}…`)).toBeVisible();

  // Luna hears it live (no reload) and accepts.
  const accept = creator.getByRole('button', { name: `Accept video call from Caller ${username}` }).first();
  await expect(accept).toBeVisible({ timeout: 15_000 });
  await accept.click();
  await expect(creator).toHaveURL(callUrl);

  // Both join the simulated call; billing starts once both are in.
  for (const page of [fan, creator]) {
    await expect(page.getByText(/Simulated call/i).first()).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('call-status')).toHaveText('Live', { timeout: 15_000 });
  }
  await expect(fan.getByTestId('call-elapsed')).not.toHaveText('0:00', { timeout: 10_000 });
  // For visual review (e2e/screenshots, gitignored): the live call as each side sees it.
  const shot = (name: string) => path.join(import.meta.dirname, 'screenshots', `${name}.png`);
  await fan.screenshot({ path: shot('call-live-fan'), fullPage: true });
  await creator.screenshot({ path: shot('call-live-creator'), fullPage: true });

  // Past the free 10 seconds, the fan ends the call.
  await fan.waitForTimeout(12_000);
  await fan.getByRole('button', { name: 'End call' }).click();
  await fan.getByRole('dialog').getByRole('button', { name: 'End call' }).click();

  for (const page of [fan, creator]) {
    const statement = page
      .getByRole('region', { name: 'Call statement' })
      .or(page.locator('[aria-labelledby="call-statement-title"]'));
    await expect(statement.first()).toBeVisible({ timeout: 20_000 });
    await expect(statement.first()).toContainText('1 minute');
    await expect(statement.first()).toContainText('20 tokens');
    await expect(statement.first()).toContainText('Ended by the fan');
    await expect(statement.first()).toContainText('first 10 seconds free');
  }

  await fan.screenshot({ path: shot('call-statement'), fullPage: true });

  // The money: the fan paid 20 tokens.
  await fan.goto('/wallet');
  await expect(fan.getByTestId('wallet-balance')).toContainText('530');
  await fanContext.close();
  await creatorContext.close();
});
