import path from 'node:path';
import { expect, test } from '@playwright/test';
import { GoLivePage, LiveRoomPage } from './pages/live.po';
import { newFanWithTokens } from './support/fans';
import { authFile, uniqueSuffix } from './support/users';

/**
 * The live-stream journey with two browsers: Luna goes live (simulated stream); a new fan with tokens
 * finds her under "Live now", joins, chats and sends a gift; Luna sees the fan's chat, the gift event and
 * the viewer count live; she ends the stream and the analytics show the gift.
 */
const shot = (name: string) => path.join(import.meta.dirname, 'screenshots', `${name}.png`);

test('a creator goes live, a fan chats and sends a gift, the creator sees it, analytics show it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const creatorContext = await browser.newContext({ storageState: authFile('creator') });
  const creator = await creatorContext.newPage();
  const title = `Acoustic hour ${uniqueSuffix()}`;
  const studio = new GoLivePage(creator);

  await studio.open();
  await creator.screenshot({ path: shot('live-go-live'), fullPage: true });
  const streamId = await studio.goLive(title);
  const creatorRoom = new LiveRoomPage(creator);
  await expect(creator.getByText(/Simulated stream/).first()).toBeVisible({ timeout: 15_000 });

  // The fan finds the stream under "Live now" on the home page and joins.
  const fanContext = await browser.newContext();
  const fan = await fanContext.newPage();
  const username = await newFanWithTokens(fanContext, fan, { prefix: 'e2e_live', displayPrefix: 'Viewer' });
  await fan.goto('/');
  const card = fan.getByTestId('live-now').getByRole('link').filter({ hasText: title });
  await expect(card).toBeVisible();
  await fan.screenshot({ path: shot('live-home-live-now'), fullPage: true });
  await card.click();
  await expect(fan).toHaveURL(new RegExp(`/live/${streamId}$`));
  const fanRoom = new LiveRoomPage(fan);
  await expect(fan.getByText(/Simulated stream/).first()).toBeVisible({ timeout: 15_000 });

  // The creator sees the viewer count go to 1 (server-side heartbeats pushed live).
  await expect(creatorRoom.viewerCount).toHaveText(/1 viewer\b/, { timeout: 20_000 });
  await expect(fanRoom.viewerCount).toHaveText(/1 viewer\b/);

  await fanRoom.chat('Hello from the front row!');
  await expect(creatorRoom.chatMessages.filter({ hasText: 'Hello from the front row!' })).toBeVisible();

  await fanRoom.sendGift('Rose', 10);
  await expect(fanRoom.events).toContainText(`Viewer ${username} sent Rose (10 tokens)`);
  await expect(fan.getByTestId('stream-balance')).toHaveText('540');
  // The creator sees the gift event live, with its sequence number.
  await expect(creatorRoom.events).toContainText(`#1Viewer ${username} sent Rose (10 tokens)`, {
    timeout: 15_000,
  });

  await fan.screenshot({ path: shot('live-viewer-desktop'), fullPage: true });
  await creator.screenshot({ path: shot('live-studio-desktop'), fullPage: true });
  await fan.setViewportSize({ width: 390, height: 844 });
  await fan.screenshot({ path: shot('live-viewer-mobile'), fullPage: true });

  // Discovery's "Live now" filter lists Luna with a link to the stream (in a second tab: the viewer stays).
  const browse = await fanContext.newPage();
  await browse.goto('/creators?liveNow=1');
  const lunaCard = browse.getByTestId('creator-card').filter({ hasText: 'Luna Vega' });
  await expect(lunaCard.getByTestId('live-badge')).toHaveAttribute('href', `/live/${streamId}`);
  await expect(browse.getByTestId('creator-card').filter({ hasText: 'Mira Chen' })).toHaveCount(0);
  await browse.screenshot({ path: shot('discovery-live-now'), fullPage: true });
  await browse.close();

  // The creator ends the stream: the fan is told, the creator lands on the analytics.
  await studio.endStream();
  await expect(creator).toHaveURL(new RegExp(`/creator/live/${streamId}$`));
  const figures = creator.getByTestId('stream-analytics');
  await expect(figures).toBeVisible({ timeout: 15_000 });
  await expect(figures).toContainText('Gifts10 tokens1 gift');
  await expect(figures).toContainText('Peak viewers1');
  await expect(creator.getByRole('table')).toContainText(`Viewer ${username}`);
  await creator.screenshot({ path: shot('live-analytics'), fullPage: true });
  await expect(fan.getByText('This stream has ended')).toBeVisible({ timeout: 15_000 });

  // The past-streams list has it.
  await creator.goto('/creator/live');
  await expect(creator.getByRole('link', { name: title })).toBeVisible();
  await fanContext.close();
  await creatorContext.close();
});
