import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the admin console sub-pages (health + panic button, logs, moderation, applications). */
export class AdminConsole {
  readonly main: Locator;
  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async goto(section: string): Promise<void> {
    const res = await this.page.goto(section);
    expect(res?.status()).toBe(200);
  }

  get botStatus(): Locator {
    return this.main.getByTestId('bot-status');
  }

  /** Opens a confirmation dialog from a button, fills the reason and confirms. */
  async confirm(
    button: string | RegExp,
    dialogTitle: string | RegExp,
    reason: string,
    confirmLabel: string | RegExp,
  ) {
    await this.main.getByRole('button', { name: button }).first().click();
    const dialog = this.page.getByRole('dialog', { name: dialogTitle });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
    await expect(dialog).toBeHidden();
    return dialog;
  }

  get logRows(): Locator {
    return this.main.getByTestId('log-row');
  }

  moderationItem(source: 'report' | 'discord', id: string | number): Locator {
    return this.main.getByTestId(`moderation-${source}-${id}`);
  }

  application(username: string): Locator {
    return this.main.getByTestId(`application-${username}`);
  }
}
