import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { toast } from './header.po';

export type Role = 'fan' | 'creator' | 'staff' | 'admin';

export class AdminPage {
  readonly heading: Locator;
  readonly usersCard: Locator;
  readonly usersTable: Locator;
  readonly auditHeading: Locator;
  readonly auditTable: Locator;
  readonly exportCsv: Locator;
  readonly signupsHeading: Locator;
  readonly errorsHeading: Locator;

  constructor(private readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { name: 'Admin', level: 1 });
    this.usersCard = main.locator('#users');
    this.usersTable = this.usersCard.getByRole('table');
    this.auditHeading = main.getByRole('heading', { name: 'Latest admin actions' });
    this.auditTable = main
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Reason' }) });
    this.exportCsv = main.getByRole('link', { name: 'Export CSV' });
    this.signupsHeading = main.getByRole('heading', { name: 'Sign-ups per day' });
    this.errorsHeading = main.getByRole('heading', { name: 'Latest errors' });
  }

  async goto(): Promise<Response | null> {
    return this.page.goto('/admin');
  }

  roleCount(role: Role): Locator {
    return this.page.getByTestId(`role-count-${role}`);
  }

  userRow(username: string): Locator {
    return this.page.getByTestId(`user-row-${username}`);
  }

  /** The role badge is the second cell of a user row. */
  roleCell(username: string): Locator {
    return this.userRow(username).getByRole('cell').nth(1);
  }

  statusCell(username: string): Locator {
    return this.userRow(username).getByRole('cell').nth(2);
  }

  async openRoleDialog(username: string): Promise<Locator> {
    await this.userRow(username).getByRole('button', { name: 'Change role' }).click();
    const dialog = this.page.getByRole('dialog', { name: `Change the role of @${username}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async openBanDialog(username: string, action: 'Ban' | 'Unban'): Promise<Locator> {
    await this.userRow(username)
      .getByRole('button', { name: new RegExp(`^${action}\\b`) })
      .click();
    const dialog = this.page.getByRole('dialog', { name: `${action} @${username}` });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async changeRole(username: string, role: Role, reason: string): Promise<void> {
    const dialog = await this.openRoleDialog(username);
    await dialog.getByLabel('New role').selectOption(role);
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: 'Save role' }).click();
    await expect(toast(this.page, `@${username} is now ${role}`)).toBeVisible();
    await expect(dialog).toBeHidden();
  }

  async setBanned(username: string, banned: boolean, reason: string): Promise<void> {
    const action = banned ? 'Ban' : 'Unban';
    const dialog = await this.openBanDialog(username, action);
    await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await expect(toast(this.page, `@${username} ${banned ? 'banned' : 'unbanned'}`)).toBeVisible();
    await expect(dialog).toBeHidden();
  }

  /** Rows of "Latest admin actions" for a target user. */
  auditRows(username: string): Locator {
    return this.auditTable.getByRole('row').filter({ hasText: `@${username}` });
  }
}
