import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AdminConsole } from './pages/admin-console.po';
import { findUser } from './support/api';
import { authFile, uniqueSuffix } from './support/users';

test.use({ storageState: authFile('admin') });

test.describe('admin console', () => {
  test('pauses the Discord bot behind a confirmation and resumes it; both in the audit log', async ({
    page,
    request,
  }) => {
    const admin = new AdminConsole(page);
    await admin.goto('/admin/health');
    await expect(admin.botStatus).toContainText('Running');

    const reason = `Spam wave (e2e ${uniqueSuffix()})`;
    // Cancel first: nothing changes.
    await admin.main.getByRole('button', { name: 'Pause bot' }).click();
    await page.getByRole('dialog', { name: 'Pause bot?' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(admin.botStatus).toContainText('Running');

    await admin.confirm('Pause bot', 'Pause bot?', reason, 'Pause bot');
    await expect(admin.botStatus).toContainText('Paused');
    await expect(admin.botStatus).toContainText(reason);
    expect((await (await request.get('/api/admin/bot')).json()).bot.paused).toBe(true);

    await admin.confirm('Resume bot', 'Resume bot?', 'Spam wave over', 'Resume bot');
    await expect(admin.botStatus).toContainText('Running');

    await admin.goto('/admin/audit?action=discord.');
    await expect(admin.main.getByTestId('audit-row').filter({ hasText: reason })).toContainText(
      'discord.pause',
    );
    await expect(admin.main.getByTestId('audit-row').filter({ hasText: 'Spam wave over' })).toContainText(
      'paused: true → false',
    );
  });

  test('health tiles load and say which local adapters run', async ({ page }) => {
    const admin = new AdminConsole(page);
    await admin.goto('/admin/health');
    await expect(admin.main.getByTestId('health-postgres')).toHaveAttribute('data-status', 'ok');
    await expect(admin.main.getByTestId('health-stripe')).toContainText('Local adapter: local checkout');
    await expect(admin.main.getByTestId('health-discord')).toContainText('Not configured');
    await admin.main.getByRole('button', { name: 'Check now' }).click();
    await expect(admin.main.getByTestId('health-postgres')).toHaveAttribute('data-status', 'ok');
  });

  test('the log stream shows a new server error without a reload, with its request id', async ({ page }) => {
    const admin = new AdminConsole(page);
    await admin.goto('/admin/logs');
    await expect(page.getByTestId('log-stream-state')).toContainText('Live');
    await page.getByLabel('Level').selectOption('error');

    // A real 500 from the server, outside the page.
    const res = await page.request.post('/api/admin/logs/test-error', { data: {} });
    expect(res.status()).toBe(500);
    const { requestId } = await res.json();
    expect(requestId).toBeTruthy();

    const row = admin.logRows.filter({ hasText: `request ${requestId}` });
    await expect(row).toHaveCount(1, { timeout: 6_000 });
    await expect(row).toContainText('route POST /api/admin/logs/test-error');
    await expect(row).toHaveAttribute('data-level', 'error');

    // Paused: a new error does not appear until the stream resumes.
    await page.getByRole('button', { name: 'Pause stream' }).click();
    const second = await (await page.request.post('/api/admin/logs/test-error', { data: {} })).json();
    await page.waitForTimeout(2_500);
    await expect(admin.logRows.filter({ hasText: `request ${second.requestId}` })).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume stream' }).click();
    await expect(admin.logRows.filter({ hasText: `request ${second.requestId}` })).toHaveCount(1, {
      timeout: 6_000,
    });
  });

  test('a burst bigger than a page between two polls is marked in the stream, not silently skipped', async ({
    page,
  }) => {
    const admin = new AdminConsole(page);
    await admin.goto('/admin/logs');
    await page.getByLabel('Level').selectOption('error');
    await expect(page.getByTestId('log-stream-state')).toContainText('Live');
    // One error on screen first, so the stream has a cursor to continue from.
    const first = await (await page.request.post('/api/admin/logs/test-error', { data: {} })).json();
    await expect(admin.logRows.filter({ hasText: `request ${first.requestId}` })).toHaveCount(1, {
      timeout: 6_000,
    });
    await page.getByRole('button', { name: 'Pause stream' }).click();
    await page.waitForTimeout(2_500); // let any poll in flight finish
    // 230 real server errors while paused: more than the 200 lines one poll brings.
    const ids: string[] = [];
    for (let batch = 0; batch < 23; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => page.request.post('/api/admin/logs/test-error', { data: {} })),
      );
      for (const a of answers) ids.push((await a.json()).requestId);
    }
    await expect(page.getByTestId('log-gap')).toHaveCount(0);
    await page.getByRole('button', { name: 'Resume stream' }).click();
    await expect(page.getByTestId('log-gap')).toHaveCount(1, { timeout: 6_000 });
    await expect(page.getByTestId('log-gap')).toContainText('More than 200 lines arrived between two checks');
    // The newest error is shown above the gap.
    await expect(admin.logRows.filter({ hasText: `request ${ids.at(-1)}` })).toHaveCount(1);
    await expect(page.getByTestId('log-stream-state')).toContainText('the list marks where');
    await page.getByTestId('log-gap').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/admin-log-gap.png' });
  });

  test('bans a reported user with a reason from the moderation queue, then unbans', async ({
    page,
    request,
  }) => {
    const admin = new AdminConsole(page);
    await admin.goto('/admin/moderation');
    const item = admin.main.locator('[data-testid^="moderation-report-"]').filter({ hasText: '@mira_draws' });
    await expect(item).toContainText('Spam or scam');
    await expect(item).toContainText('Reported by @chris_fan');

    const reason = `Referral spam confirmed (e2e ${uniqueSuffix()})`;
    await item.getByRole('button', { name: /^Ban\b/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban: @mira_draws' });
    const confirm = dialog.getByRole('button', { name: 'Ban', exact: true });
    await expect(confirm).toBeDisabled(); // no reason yet
    await dialog.getByLabel('Reason').fill(reason);
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(item).toHaveCount(0); // left the pending queue

    const mira = await findUser(request, 'mira_draws');
    expect(mira.is_banned).toBe(true);
    await admin.goto(`/admin/users/${mira.id}`);
    await expect(admin.main.getByTestId('user-facts')).toContainText('Banned');
    await expect(admin.main.getByRole('row').filter({ hasText: reason })).toHaveCount(2); // profile.ban + moderation.ban

    const unban = await request.post(`/api/admin/users/${mira.id}/ban`, {
      data: { banned: false, reason: 'e2e: restore' },
    });
    expect(unban.status()).toBe(200);
  });

  test('approves a creator application; the applicant is emailed (outbox)', async ({ page }) => {
    const admin = new AdminConsole(page);
    await admin.goto('/admin/applications');
    const card = admin.application('eli_fan');
    await expect(card).toContainText('watercolour');
    await card.getByRole('button', { name: /^Approve\b/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve: @eli_fan' });
    await dialog.getByLabel('Reason').fill('Welcome aboard — great community');
    await dialog.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(card).toHaveCount(0);
    await admin.goto('/admin/applications?status=approved');
    await expect(admin.application('eli_fan')).toContainText('Welcome aboard — great community');
    await page.goto('/dev/outbox');
    await expect(page.getByRole('main')).toContainText('You are now a creator on CommunityOS');
  });
});

const DIR = path.join(import.meta.dirname, 'screenshots');
const pages = [
  ['admin-overview', '/admin', 'Admin'],
  ['admin-health', '/admin/health', 'Health'],
  ['admin-logs', '/admin/logs', 'Log stream'],
  ['admin-users', '/admin/users', 'Users'],
  ['admin-applications', '/admin/applications?status=all', 'Creator applications'],
  ['admin-moderation', '/admin/moderation?status=all', 'Moderation queue'],
  ['admin-metrics', '/admin/metrics', 'Platform metrics'],
  ['admin-ai-costs', '/admin/ai-costs', 'AI cost ledger'],
  ['admin-audit', '/admin/audit', 'Audit log'],
] as const;

for (const viewport of [
  { label: 'desktop', size: { width: 1280, height: 800 } },
  { label: 'mobile', size: { width: 390, height: 844 } },
]) {
  test.describe(`admin screenshots (${viewport.label})`, () => {
    test.use({ viewport: viewport.size });
    for (const [name, url, heading] of pages) {
      test(`${name} (${viewport.label})`, async ({ page }) => {
        const res = await page.goto(url);
        expect(res?.status()).toBe(200);
        await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expect(page.getByTestId('log-loading')).toHaveCount(0);
        await expect(page.locator('time').filter({ hasText: / UTC$/ })).toHaveCount(0);
        await page.screenshot({
          path: path.join(DIR, `${name}${viewport.label === 'desktop' ? '' : '-mobile'}.png`),
          fullPage: true,
          animations: 'disabled',
        });
      });
    }
    test(`user detail (${viewport.label})`, async ({ page, request }) => {
      const u = await findUser(request, 'kai_rivers');
      await page.goto(`/admin/users/${u.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await page.screenshot({
        path: path.join(DIR, `admin-user-detail${viewport.label === 'desktop' ? '' : '-mobile'}.png`),
        fullPage: true,
        animations: 'disabled',
      });
    });
  });
}

test.describe('fan side', () => {
  test.use({ storageState: authFile('fan') });
  test('the profile shows the creator application form; a creator profile has a Report action', async ({
    page,
  }) => {
    await page.goto('/profile');
    await expect(page.getByRole('heading', { name: 'Become a creator' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Apply to become a creator' })).toBeDisabled();
    await page.screenshot({ path: path.join(DIR, 'profile-creator-application.png'), fullPage: true });
    await page.goto('/creators/kai_rivers');
    await page.getByRole('button', { name: 'Report' }).click();
    const dialog = page.getByRole('dialog', { name: /^Report / });
    await expect(dialog.getByRole('button', { name: 'Send report' })).toBeDisabled();
    await page.screenshot({ path: path.join(DIR, 'report-dialog.png') });
    await page.keyboard.press('Escape');
  });
});
