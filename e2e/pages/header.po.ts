import { expect, type Locator, type Page } from '@playwright/test';

/** The site header: main navigation, and either the sign-in links or the account menu. */
export class Header {
  readonly root: Locator;
  readonly nav: Locator;
  readonly signInLink: Locator;
  readonly signUpLink: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByRole('banner');
    this.nav = this.root.getByRole('navigation', { name: 'Main' });
    this.signInLink = this.root.getByRole('link', { name: 'Sign in', exact: true });
    this.signUpLink = this.root.getByRole('link', { name: 'Sign up', exact: true });
  }

  accountMenu(displayName: string): Locator {
    return this.root.getByRole('button', { name: `Account menu for ${displayName}` });
  }

  async signOut(displayName: string): Promise<void> {
    await this.accountMenu(displayName).click();
    await this.page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(toast(this.page, 'Signed out')).toBeVisible();
    await expect(this.signInLink).toBeVisible();
    await expect(this.accountMenu(displayName)).toBeHidden();
  }
}

/** A sonner toast with the given text. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('[data-sonner-toast]').filter({ hasText: text });
}
