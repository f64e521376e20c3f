import type { Locator, Page, Response } from '@playwright/test';

export interface SignUpInput {
  email: string;
  username: string;
  displayName: string;
  password: string;
}

export class SignUpPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly username: Locator;
  readonly displayName: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form-level alert ("Please fix the highlighted fields." or the server's message). */
  readonly formError: Locator;

  constructor(private readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { name: 'Create your account', level: 1 });
    this.email = main.getByLabel('Email');
    this.username = main.getByLabel('Username');
    this.displayName = main.getByLabel('Display name');
    this.password = main.getByLabel('Password');
    this.submit = main.getByRole('button', { name: 'Create account' });
    this.formError = main.locator('form > [role="alert"]').first();
  }

  async goto(): Promise<Response | null> {
    return this.page.goto('/signup');
  }

  async fill(input: SignUpInput): Promise<void> {
    await this.email.fill(input.email);
    await this.username.fill(input.username);
    await this.displayName.fill(input.displayName);
    await this.password.fill(input.password);
  }

  async signUp(input: SignUpInput): Promise<void> {
    await this.fill(input);
    await this.submit.click();
  }

  /** The inline validation message under a field (FormField renders it with role="alert"). */
  fieldError(field: Locator): Locator {
    return field.locator('xpath=..').getByRole('alert');
  }
}
