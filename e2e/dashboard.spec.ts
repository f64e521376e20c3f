import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DashboardPage } from './pages/dashboard.po';
import { authFile, uniqueSuffix } from './support/users';

/** The staff dashboard on the demo guild (lib/db/seed-dashboard.ts): Sam is staff of Luna's Lounge only. */

const SHOTS = path.join(import.meta.dirname, 'screenshots');
const LUNA_GUILD = '1180000000000000001';
const KAI_GUILD = '1180000000000000002';

// The dashboard renders every panel server-side; on a busy 2-core machine a page can take several seconds.
test.describe.configure({ timeout: 90_000 });

test.describe('as staff (Sam)', () => {
  test.use({ storageState: authFile('staff') });

  test('a staff user exports the churn list as CSV', async ({ page }) => {
    const dash = new DashboardPage(page);
    await dash.goto();
    await expect(page.getByText("Luna's Lounge").first()).toBeVisible();
    await expect(page.getByText('Europe/Paris (UTC+')).toBeVisible();
    const rows = dash.churn.getByRole('row');
    await expect(rows.nth(1)).toBeVisible();
    const shown = (await rows.count()) - 1;
    const { download, text } = await dash.exportChurnCsv();
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^churn-radar-${LUNA_GUILD}-week-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^member_id,member,score_.*,change_pct,last_seen$/);
    expect(lines.length - 1).toBe(shown);
    expect(text).toContain('elio_flute');
  });

  test("sees only the assigned guild: Kai's is refused", async ({ page, request }) => {
    const dash = new DashboardPage(page);
    await dash.goto(`?guild=${KAI_GUILD}`);
    // An unknown or foreign guild id falls back to the viewer's own guild.
    await expect(page.getByText("Luna's Lounge").first()).toBeVisible();
    await expect(page.getByText("Kai's Training Camp")).toHaveCount(0);
    const denied = await request.get(`/api/dashboard/guilds/${KAI_GUILD}/churn?format=csv`);
    expect(denied.status()).toBe(403);
    expect((await denied.json()).error.code).toBe('FORBIDDEN');
  });

  test('opens a ticket transcript and timeline', async ({ page }) => {
    const dash = new DashboardPage(page);
    await dash.goto();
    await dash.tickets.getByRole('link', { name: /Tip did not show up/ }).click();
    const detail = page.locator('#ticket-detail');
    await expect(detail.getByRole('heading', { name: /Ticket #0002/ })).toBeVisible();
    await expect(detail.getByText('Thanks for reaching out, looking into it now.')).toBeVisible();
    await expect(detail.getByText('resolve', { exact: true })).toBeVisible();
  });

  test('adds a campaign, sees its lift, then deletes it', async ({ page }) => {
    const dash = new DashboardPage(page);
    await dash.goto();
    const name = `E2E push ${uniqueSuffix()}`;
    // A field error first: the end before the start.
    await dash.addCampaign(name, '2026-03-10', '2026-03-01');
    await expect(dash.campaigns.getByText('The end is before the start')).toBeVisible();
    await dash.addCampaign(name, '2026-03-01', '2026-03-10');
    await expect(dash.campaigns.getByRole('link', { name })).toBeVisible();
    page.once('dialog', (d) => d.accept());
    await dash.campaigns.getByRole('button', { name: `${name}: delete` }).click();
    await expect(dash.campaigns.getByRole('link', { name })).toHaveCount(0);
  });

  test('screenshots: desktop and mobile', async ({ page }) => {
    const dash = new DashboardPage(page);
    await dash.goto();
    await page.waitForLoadState('networkidle');
    await page.screenshot({
      path: path.join(SHOTS, 'dashboard-staff-desktop.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await dash.goto('?ticket=2#ticket-detail'.replace('ticket=2', `ticket=${await firstTicketId(page)}`));
    await page.setViewportSize({ width: 390, height: 844 });
    await dash.goto();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}`.slice(0, 120)),
    );
    expect(overflow, wide.join('\n')).toBeLessThanOrEqual(1);
    for (const id of ['top', 'rising', 'churn', 'scouter', 'campaigns', 'tickets', 'access']) {
      await page
        .locator(`#${id}`)
        .screenshot({ path: path.join(SHOTS, `dashboard-mobile-${id}.png`), animations: 'disabled' });
    }
    await page.screenshot({
      path: path.join(SHOTS, 'dashboard-staff-mobile.png'),
      fullPage: true,
      animations: 'disabled',
    });
  });
});

async function firstTicketId(page: import('@playwright/test').Page): Promise<string> {
  const res = await page.request.get(`/api/dashboard/guilds/${LUNA_GUILD}/tickets`);
  const body = (await res.json()) as { items: { id: number }[] };
  return String(body.items.at(-1)?.id ?? 1);
}

test.describe('as admin', () => {
  test.use({ storageState: authFile('admin') });

  test('sees every guild and can switch between them', async ({ page }) => {
    const dash = new DashboardPage(page);
    await dash.goto();
    await page.waitForLoadState('networkidle');
    const picker = page.getByLabel('Guild', { exact: true });
    await picker.selectOption(KAI_GUILD);
    await expect(page).toHaveURL(new RegExp(`guild=${KAI_GUILD}`));
    await expect(page.getByText('America/New_York (UTC')).toBeVisible();
    await page.screenshot({
      path: path.join(SHOTS, 'dashboard-admin-kai.png'),
      fullPage: true,
      animations: 'disabled',
    });
  });
});

test.describe('as a fan', () => {
  test.use({ storageState: authFile('fan') });

  test('is refused the dashboard page and its API', async ({ page, request }) => {
    const res = await page.goto('/dashboard');
    expect(res?.status()).toBe(403);
    const api = await request.get(`/api/dashboard/guilds/${LUNA_GUILD}/top`);
    expect(api.status()).toBe(403);
  });
});
