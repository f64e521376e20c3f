import { expect, type Locator, type Page } from '@playwright/test';

/** The creator's go-live page and studio. */
export class GoLivePage {
  constructor(private readonly page: Page) {}

  /**
   * The go-live form. A stream left live by an earlier test that failed half-way sends /creator/live to
   * that stream's studio; it is ended first, so one failure does not fail the next live test too.
   */
  async open(): Promise<void> {
    await this.page.goto('/creator/live');
    if (/\/creator\/live\/[0-9a-f-]{36}$/.test(this.page.url())) {
      await this.endStream();
      await expect(this.page.getByRole('button', { name: 'End stream' })).toHaveCount(0);
      await this.page.goto('/creator/live');
    }
    await expect(this.page.getByRole('heading', { name: 'Go live' })).toBeVisible();
  }

  async goLive(title: string, category = 'Music'): Promise<string> {
    await this.open();
    await this.page.getByLabel('Title').fill(title);
    await this.page.getByLabel('Category').selectOption({ label: category });
    await this.page.getByRole('button', { name: 'Go live' }).click();
    await expect(this.page).toHaveURL(/\/creator\/live\/[0-9a-f-]{36}$/);
    return this.page.url().split('/').pop() as string;
  }

  async endStream(): Promise<void> {
    await this.page.getByRole('button', { name: 'End stream' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'End stream' }).click();
  }
}

/** A live stream page, as a viewer or as the creator's studio. */
export class LiveRoomPage {
  readonly viewerCount: Locator;
  readonly events: Locator;
  readonly chatMessages: Locator;
  readonly stage: Locator;

  constructor(private readonly page: Page) {
    this.viewerCount = page.getByTestId('viewer-count');
    this.events = page.getByTestId('stream-events');
    this.chatMessages = page.getByTestId('chat-message');
    this.stage = page.getByRole('region', { name: /stream/i }).first();
  }

  async chat(text: string): Promise<void> {
    await this.page.getByLabel('Chat message', { exact: true }).fill(text);
    await this.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(this.chatMessages.filter({ hasText: text })).toBeVisible();
  }

  async sendGift(name: string, price: number): Promise<void> {
    await this.page.getByRole('button', { name: `Send ${name} for ${price} tokens` }).click();
  }
}
