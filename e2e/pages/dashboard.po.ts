import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The staff dashboard (/dashboard). */
export class DashboardPage {
  readonly heading: Locator;
  readonly churn: Locator;
  readonly top: Locator;
  readonly campaigns: Locator;
  readonly tickets: Locator;

  constructor(private readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { name: 'Dashboard', level: 1 });
    this.churn = main.locator('#churn');
    this.top = main.locator('#top');
    this.campaigns = main.locator('#campaigns');
    this.tickets = main.locator('#tickets');
  }

  async goto(query = ''): Promise<void> {
    const res = await this.page.goto(`/dashboard${query}`);
    expect(res?.status()).toBe(200);
    await expect(this.heading).toBeVisible();
    await expect(this.top.getByRole('heading', { name: 'Top 10' })).toBeVisible();
  }

  async exportChurnCsv(): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.churn.getByRole('link', { name: 'Export churn list' }).click(),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    return { download, text: await readFile(path, 'utf8') };
  }

  async addCampaign(name: string, startsOn: string, endsOn: string): Promise<void> {
    const form = this.campaigns.getByRole('form', { name: 'New campaign' });
    await form.getByLabel('Campaign name').fill(name);
    await form.getByLabel('First day').fill(startsOn);
    await form.getByLabel('Last day').fill(endsOn);
    await form.getByRole('button', { name: 'Add campaign' }).click();
  }
}
