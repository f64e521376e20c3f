import { expect, type Locator, type Page } from '@playwright/test';

/** The inbox and a conversation thread. */
export class MessagesPage {
  readonly list: Locator;
  readonly messages: Locator;
  readonly body: Locator;
  readonly send: Locator;
  readonly inboxBadge: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('conversation-list');
    this.messages = page.getByTestId('message');
    this.body = page.getByLabel('Message', { exact: true });
    this.send = page.getByRole('button', { name: /^Send/ });
    this.inboxBadge = page.getByTestId('inbox-unread');
  }

  message(text: string | RegExp): Locator {
    return this.messages.filter({ hasText: text });
  }

  async sendText(text: string): Promise<void> {
    await this.body.fill(text);
    await this.send.click();
    await expect(this.message(text).last()).toBeVisible();
  }

  async sendPpv(file: { name: string; mimeType: string; buffer: Buffer }, price: number, caption: string) {
    await this.page.getByRole('button', { name: 'Pay-per-view' }).click();
    await this.page.getByLabel('Unlock price (tokens)').fill(String(price));
    await this.page.getByTestId('composer-file').setInputFiles(file);
    await this.body.fill(caption);
    await this.send.click();
    await expect(this.message(caption)).toContainText(`Pay-per-view · ${price} tokens`);
  }
}
