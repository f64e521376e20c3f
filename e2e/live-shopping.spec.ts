import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { GoLivePage, LiveRoomPage } from './pages/live.po';
import { newFanWithTokens } from './support/fans';
import { authFile, uniqueSuffix } from './support/users';

/**
 * Live shopping with two browsers: Luna goes live and pins her signed poster; a new fan with tokens (and a
 * subscription, so Luna sees the loyalty badge next to their chat line) sees the
 * pinned card appear live, buys it from the stream page (shipping address inline) and stays on the stream;
 * Luna switches the pin to her digital album and the fan's card follows, then the fan buys that too and
 * gets a download button.
 */
const DIR = path.join(import.meta.dirname, 'screenshots');

/** Full-page shots from the top, so the sticky header sits where it belongs. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

test('a creator pins a product live; a fan buys it from the stream page without leaving', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const creatorContext = await browser.newContext({ storageState: authFile('creator') });
  const creator = await creatorContext.newPage();
  const studio = new GoLivePage(creator);
  const streamId = await studio.goLive(`Poster night ${uniqueSuffix()}`);
  await expect(creator.getByText(/Simulated stream/).first()).toBeVisible({ timeout: 15_000 });
  const picker = creator.getByRole('region', { name: 'Live shopping' });
  await expect(picker.getByTestId('pin-option').filter({ hasText: 'Signed tour poster' })).toBeVisible();

  // The fan joins before anything is pinned: no card yet.
  const fanContext = await browser.newContext();
  const fan = await fanContext.newPage();
  const username = await newFanWithTokens(fanContext, fan, {
    prefix: 'e2e_shop_live',
    displayPrefix: 'Buyer',
  });
  // The fan subscribes to Luna first: their chat lines carry the "Subscribed 1 month" badge.
  await fan.goto('/creators/luna_vega');
  await fan
    .getByTestId('tier-1')
    .getByRole('button', { name: /Subscribe for 50 tokens/ })
    .click();
  await expect(fan.getByTestId('subscription-state')).toContainText('Subscribed until');
  await fan.goto(`/live/${streamId}`);
  const fanRoom = new LiveRoomPage(fan);
  await expect(fan.getByText(/Simulated stream/).first()).toBeVisible({ timeout: 15_000 });
  await expect(fanRoom.viewerCount).toHaveText(/1 viewer\b/, { timeout: 20_000 });
  const card = fan.getByTestId('pinned-product');
  await expect(card).toHaveCount(0);
  await fanRoom.chat('Is the poster signed?');
  const line = new LiveRoomPage(creator).chatMessages.filter({ hasText: 'Is the poster signed?' });
  await expect(line).toContainText(`Buyer ${username}`);
  await expect(line.getByTestId('chat-loyalty')).toHaveText('Subscribed 1 month');

  // Luna pins the poster; the fan's page shows it without a reload, and the pin shows in the event feed.
  await picker.getByRole('button', { name: 'Pin Signed tour poster' }).click();
  await expect(picker.getByTestId('pin-option').filter({ hasText: 'Signed tour poster' })).toContainText(
    'Pinned',
  );
  await expect(card).toContainText('Signed tour poster', { timeout: 15_000 });
  await expect(card).toContainText('120 tokens');
  await expect(fanRoom.events).toContainText('pinned Signed tour poster');

  // Buying a physical product asks for the address inline; errors show on the fields, nothing is charged.
  await card.getByRole('button', { name: /Buy for 120 tokens/ }).click();
  await card.getByRole('button', { name: /Pay 120 tokens/ }).click();
  await expect(card.getByText('Name is required')).toBeVisible();
  await expect(fan.getByTestId('stream-balance')).toHaveText('500');
  await card.getByLabel('Full name').fill('Alex Park');
  await card.getByLabel('Street address').fill('1 Rue de Rivoli');
  await card.getByLabel('City').fill('Paris');
  await card.getByLabel('Postal code').fill('75001');
  await card.getByLabel(/Country/).fill('FR');
  await shoot(fan, 'live-shopping-checkout-desktop');
  const stockBefore = Number((await card.getByTestId('pinned-stock').innerText()).replace(/\D/g, ''));
  await card.getByRole('button', { name: /Pay 120 tokens/ }).click();
  await expect(card.getByTestId('pinned-success')).toContainText('Ordered');
  await expect(card.getByRole('link', { name: 'View order' })).toBeVisible();
  await expect(fan.getByTestId('stream-balance')).toHaveText('380');
  await expect(card.getByTestId('pinned-stock')).toHaveText(`${stockBefore - 1} left`);
  // Still on the stream.
  await expect(fan).toHaveURL(new RegExp(`/live/${streamId}$`));
  await shoot(fan, 'live-shopping-viewer-desktop');
  await shoot(creator, 'live-shopping-studio-desktop');

  // Luna pins the album instead: the fan's card follows live; a digital buy offers the download.
  await picker.getByRole('button', { name: 'Pin Acoustic sessions vol. 1 (MP3)' }).click();
  await expect(card).toContainText('Acoustic sessions vol. 1 (MP3)', { timeout: 15_000 });
  await card.getByRole('button', { name: /Buy for 80 tokens/ }).click();
  await expect(card.getByTestId('pinned-success')).toContainText('download is ready');
  await expect(card.getByRole('button', { name: 'Download' })).toBeVisible();
  await expect(fan.getByTestId('stream-balance')).toHaveText('300');
  await expect(fan).toHaveURL(new RegExp(`/live/${streamId}$`));

  await fan.setViewportSize({ width: 390, height: 844 });
  await shoot(fan, 'live-shopping-viewer-mobile');
  await creator.setViewportSize({ width: 390, height: 844 });
  await shoot(creator, 'live-shopping-studio-mobile');

  // Unpinning removes the card for the fan.
  await creator.setViewportSize({ width: 1280, height: 800 });
  await picker.getByRole('button', { name: /Unpin/ }).click();
  await expect(card).toHaveCount(0, { timeout: 15_000 });

  await studio.endStream();

  // DMs: the fan writes to Luna; her inbox row and the thread header show the fan's loyalty badge.
  await fan.setViewportSize({ width: 1280, height: 800 });
  await fan.goto('/creators/luna_vega');
  await fan.getByRole('button', { name: 'Message', exact: true }).click();
  await expect(fan).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  await fan.getByLabel('Message', { exact: true }).fill('Thanks for the poster!');
  await fan.getByRole('button', { name: /^Send/ }).click();
  await expect(fan.getByTestId('message').filter({ hasText: 'Thanks for the poster!' })).toBeVisible();
  await creator.goto('/messages');
  const row = creator
    .getByTestId('conversation-list')
    .getByRole('link')
    .filter({ hasText: `Buyer ${username}` });
  await expect(row.getByTestId('inbox-loyalty')).toContainText('Subscribed 1 month');
  await row.click();
  await expect(creator.getByTestId('thread-loyalty')).toHaveText('Subscribed 1 month');
  await shoot(creator, 'live-shopping-dm-loyalty-desktop');
  await creator.setViewportSize({ width: 390, height: 844 });
  await shoot(creator, 'live-shopping-dm-loyalty-mobile');
  await fanContext.close();
  await creatorContext.close();
});
