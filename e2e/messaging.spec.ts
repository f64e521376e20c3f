import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { MessagesPage } from './pages/messages.po';
import { DEMO_PASSWORD, uniqueSuffix } from './support/users';

/**
 * Direct messages between two browsers: a new fan buys tokens and sends Mira a paid message, which Mira
 * sees live; Mira sends a pay-per-view photo, the fan unlocks it and sees it; read receipts and the
 * header's unread badge update live. Screenshots of the inbox and a thread (desktop and mobile) go to
 * e2e/screenshots/ (gitignored) for review.
 */
const SHOTS = path.join(import.meta.dirname, 'screenshots');
const MIRA = { email: 'mira@demo.communityos.dev', username: 'mira_draws', displayName: 'Mira Chen' };

async function shot(page: Page, file: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, file), animations: 'disabled' });
}

async function signUpFan(context: BrowserContext): Promise<string> {
  const username = `e2e_dm_${uniqueSuffix()}`;
  const res = await context.request.post('/api/auth/signup', {
    data: {
      email: `${username}@example.test`,
      password: 'correct-horse-battery',
      username,
      displayName: 'Dana Message',
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return username;
}

test('paid message, live delivery, PPV unlock, read receipts and the unread badge', async ({ browser }) => {
  test.setTimeout(120_000);
  const creatorContext = await browser.newContext();
  const fanContext = await browser.newContext();
  const signIn = await creatorContext.request.post('/api/auth/signin', {
    data: { email: MIRA.email, password: DEMO_PASSWORD },
  });
  expect(signIn.status()).toBe(200);
  await signUpFan(fanContext);
  const creatorPage = await creatorContext.newPage();
  const fanPage = await fanContext.newPage();
  const creator = new MessagesPage(creatorPage);
  const fan = new MessagesPage(fanPage);

  // Mira charges 5 tokens per fan message.
  await creatorPage.goto('/messages');
  await creatorPage.getByLabel('Price per message from a fan (tokens)').fill('5');
  await creatorPage.getByRole('button', { name: 'Save price' }).click();
  await expect(creatorPage.getByText('Fans now pay 5 tokens per message')).toBeVisible();

  // The fan buys tokens through the local checkout.
  await fanPage.goto('/wallet');
  await fanPage.getByRole('button', { name: /550 tokens/i }).click();
  await fanPage.getByRole('button', { name: /Pay and get 550 tokens/ }).click();
  await expect(fanPage.getByTestId('wallet-balance')).toContainText('550');

  // Message button on the profile opens the conversation.
  await fanPage.goto(`/creators/${MIRA.username}`);
  await expect(fanPage.getByText('5 tokens per message')).toBeVisible();
  await fanPage.getByTestId('message-button').click();
  await expect(fanPage).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  const threadUrl = fanPage.url();
  await expect(fanPage.getByText('Each message costs 5 tokens')).toBeVisible();

  // Mira opens the same thread; the fan's paid message arrives live.
  await creatorPage.goto(new URL(threadUrl).pathname);
  await expect(creatorPage.getByText('Say hello to Dana Message')).toBeVisible();
  // Presence: each side sees the other online; typing shows in the other window.
  await expect(creatorPage.getByTestId('presence')).toHaveText('Online');
  await expect(fanPage.getByTestId('presence')).toHaveText('Online');
  await fan.body.fill('Hi');
  await expect(creatorPage.getByTestId('typing')).toHaveText('Dana Message is typing…');
  await fan.sendText('Hi Mira! Paid hello');
  await expect(fan.message('Hi Mira! Paid hello')).toContainText('Paid message · 5 tokens');
  await expect(creator.message('Hi Mira! Paid hello')).toBeVisible();
  // Mira has the thread open, so it is read at once and the fan's receipt turns to Seen.
  await expect(fan.message('Hi Mira! Paid hello').getByTestId('read-receipt')).toHaveText(/Seen/);

  // Mira sends a pay-per-view photo (a real PNG: a screenshot of her own page).
  const png = await creatorPage.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
  await creator.sendPpv({ name: 'studio.png', mimeType: 'image/png', buffer: png }, 20, 'Studio sneak peek');

  // The fan sees it live, locked, with no media; unlocks it and sees the photo.
  const locked = fan.message('Studio sneak peek');
  await expect(locked.getByTestId('ppv-locked')).toBeVisible();
  await expect(locked.locator('img')).toHaveCount(0);
  await shot(fanPage, 'messages-thread-locked-desktop.png');
  await locked.getByRole('button', { name: 'Unlock for 20 tokens' }).click();
  const img = fan.message('Studio sneak peek').locator('img');
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  // Mira's copy flips to "unlocked" live.
  await expect(creator.message('Studio sneak peek')).toContainText('unlocked');
  await shot(fanPage, 'messages-thread-desktop.png');
  await shot(creatorPage, 'messages-thread-creator-desktop.png');

  // Balance: 550 − 5 (message) − 20 (unlock).
  await fanPage.goto('/wallet');
  await expect(fanPage.getByTestId('wallet-balance')).toContainText('525');

  // The unread badge in the fan's header updates live when Mira replies.
  await expect(fan.inboxBadge).toHaveCount(0);
  await creator.sendText('Enjoy! More on Friday.');
  await expect(fan.inboxBadge).toHaveText('1');

  // The inbox lists the conversation with the last message and the unread count.
  await fanPage.goto('/messages');
  const row = fan.list.getByRole('link', { name: /Mira Chen/ });
  await expect(row).toContainText('Enjoy! More on Friday.');
  await expect(row.getByTestId('conversation-unread')).toContainText('1');
  await shot(fanPage, 'messages-inbox-desktop.png');

  // Mobile layout: inbox and thread.
  await fanPage.setViewportSize({ width: 390, height: 844 });
  await shot(fanPage, 'messages-inbox-mobile.png');
  await row.click();
  await expect(fan.message('Enjoy! More on Friday.')).toBeVisible();
  await expect(fan.inboxBadge).toHaveCount(0);
  await shot(fanPage, 'messages-thread-mobile.png');

  await creatorContext.close();
  await fanContext.close();
});

test('notification settings page and the bell', async ({ browser }) => {
  const context = await browser.newContext();
  await signUpFan(context);
  const page = await context.newPage();
  await page.goto('/settings/notifications');
  await expect(page.getByRole('heading', { level: 1, name: 'Notification settings' })).toBeVisible();
  const email = page.getByLabel('New messages: email');
  await expect(email).toBeChecked();
  await email.uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Notification settings saved')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('New messages: email')).not.toBeChecked();
  await shot(page, 'notification-settings-desktop.png');
  await page.getByTestId('notification-bell').click();
  await expect(page.getByText(/Nothing yet/)).toBeVisible();
  await shot(page, 'notification-bell-desktop.png');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.keyboard.press('Escape');
  await shot(page, 'notification-settings-mobile.png');
  await context.close();
});
