import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { toast } from './header.po';

export class ProfilePage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly displayName: Locator;
  readonly bio: Locator;
  readonly avatarUrl: Locator;
  readonly save: Locator;
  readonly signOutButton: Locator;
  readonly signOutEverywhereButton: Locator;
  readonly publicPageLink: Locator;

  constructor(private readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { name: 'Your profile', level: 1 });
    this.username = main.getByLabel('Username');
    this.displayName = main.getByLabel('Display name');
    this.bio = main.getByLabel('Bio');
    this.avatarUrl = main.getByLabel('Avatar URL');
    this.save = main.getByRole('button', { name: 'Save changes' });
    this.signOutButton = main.getByRole('button', { name: 'Sign out', exact: true });
    this.signOutEverywhereButton = main.getByRole('button', { name: 'Sign out everywhere' });
    this.publicPageLink = main.getByRole('link', { name: 'View public page' });
  }

  async goto(): Promise<Response | null> {
    return this.page.goto('/profile');
  }

  /** Fills the given fields, saves, and waits for the confirmation toast. */
  async update(values: { displayName?: string; bio?: string; username?: string }): Promise<void> {
    if (values.username !== undefined) await this.username.fill(values.username);
    if (values.displayName !== undefined) await this.displayName.fill(values.displayName);
    if (values.bio !== undefined) await this.bio.fill(values.bio);
    await expect(this.save).toBeEnabled();
    await this.save.click();
    await expect(toast(this.page, 'Profile saved')).toBeVisible();
    // router.refresh() re-renders the form from the saved row; it is clean again.
    await expect(this.save).toBeDisabled();
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await expect(toast(this.page, 'Signed out')).toBeVisible();
    await expect(this.page).toHaveURL('/');
  }
}
