import type { Locator, Page, Response } from '@playwright/test';

export class SignInPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form-level error alert (e.g. wrong password, banned account). */
  readonly error: Locator;

  constructor(private readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { name: 'Sign in', level: 1 });
    this.email = main.getByLabel('Email');
    this.password = main.getByLabel('Password');
    this.submit = main.getByRole('button', { name: 'Sign in' });
    this.error = main.locator('#signin-error');
  }

  async goto(next?: string): Promise<Response | null> {
    return this.page.goto(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
