import { expect, test } from '@playwright/test';
import { Header, toast } from './pages/header.po';
import { ProfilePage } from './pages/profile.po';
import { SignInPage } from './pages/sign-in.po';
import { SignUpPage } from './pages/sign-up.po';
import { DEMO_PASSWORD, uniqueSuffix, users } from './support/users';

test.describe('sign-up to sign-out journey', () => {
  test('a new user signs up, edits the profile, signs out, signs in again and gets a welcome email', async ({
    page,
  }) => {
    const suffix = uniqueSuffix();
    const user = {
      email: `e2e.${suffix}@example.com`,
      username: `e2e_${suffix}`,
      displayName: `Journey ${suffix}`,
      password: 'correct-horse-battery',
    };
    const edited = {
      displayName: `Journey Edited ${suffix}`,
      bio: `Written by the e2e suite (${suffix}).\nSecond line of the bio.`,
    };
    const header = new Header(page);
    const profile = new ProfilePage(page);
    const signIn = new SignInPage(page);

    await test.step('sign up lands on /profile', async () => {
      const signUp = new SignUpPage(page);
      await signUp.goto();
      await expect(signUp.heading).toBeVisible();
      await signUp.signUp(user);
      await expect(page).toHaveURL('/profile');
      await expect(toast(page, 'Account created')).toBeVisible();
      await expect(profile.heading).toBeVisible();
      await expect(profile.username).toHaveValue(user.username);
      await expect(profile.displayName).toHaveValue(user.displayName);
      await expect(header.accountMenu(user.displayName)).toBeVisible();
    });

    await test.step('edit display name and bio', async () => {
      await profile.update(edited);
      await expect(profile.displayName).toHaveValue(edited.displayName);
      await expect(header.accountMenu(edited.displayName)).toBeVisible();
    });

    await test.step('the edit survives a reload', async () => {
      await page.reload();
      await expect(profile.heading).toBeVisible();
      await expect(profile.displayName).toHaveValue(edited.displayName);
      await expect(profile.bio).toHaveValue(edited.bio);
      await expect(profile.save).toBeDisabled();
    });

    await test.step('the public page shows the edit', async () => {
      const res = await page.goto(`/creators/${user.username}`);
      expect(res?.status()).toBe(200);
      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { level: 1 })).toHaveText(edited.displayName);
      await expect(main.getByText(`@${user.username}`, { exact: true })).toBeVisible();
      await expect(main.getByText(`Written by the e2e suite (${suffix}).`)).toBeVisible();
      await expect(main.getByRole('link', { name: 'Edit profile' })).toBeVisible();
    });

    await test.step('sign out from the header menu', async () => {
      await header.signOut(edited.displayName);
      await expect(page).toHaveURL('/');
      // The session is gone on the server too.
      await page.goto('/profile');
      await expect(page).toHaveURL('/signin?next=%2Fprofile');
    });

    await test.step('sign in again returns to /profile', async () => {
      await expect(signIn.heading).toBeVisible();
      await signIn.signIn(user.email, user.password);
      await expect(page).toHaveURL('/profile');
      await expect(profile.heading).toBeVisible();
      await expect(profile.displayName).toHaveValue(edited.displayName);
      await expect(header.accountMenu(edited.displayName)).toBeVisible();
    });

    await test.step('sign out from the profile page', async () => {
      await profile.signOut();
      await expect(header.signInLink).toBeVisible();
      await page.goto('/profile');
      await expect(page).toHaveURL('/signin?next=%2Fprofile');
    });

    await test.step('the welcome email is in the local outbox', async () => {
      await page.goto('/dev/outbox');
      await expect(page.getByRole('heading', { name: 'Email outbox', level: 1 })).toBeVisible();
      const email = page.getByRole('listitem').filter({ hasText: `To ${user.email}` });
      await expect(email).toHaveCount(1);
      await expect(email.getByRole('heading', { name: 'Welcome to CommunityOS' })).toBeVisible();
      await expect(email).toContainText(`Your username is @${user.username}.`);
      await expect(email).toContainText(`Hi ${user.displayName},`);
    });
  });

  test('a wrong password shows an error and stays on /signin', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    // chris_fan is not used by any other spec, so this attempt does not eat into a shared rate limit.
    await signIn.signIn('fan3@demo.communityos.dev', `${DEMO_PASSWORD}-wrong`);
    await expect(signIn.error).toHaveText('Email or password is incorrect');
    await expect(page).toHaveURL('/signin');
    await expect(signIn.heading).toBeVisible();
    await expect(new Header(page).signInLink).toBeVisible();
  });

  test('sign-up validates a short password in the browser', async ({ page }) => {
    const signUp = new SignUpPage(page);
    await signUp.goto();
    const apiCalls: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/api/auth/signup')) apiCalls.push(req.url());
    });
    const suffix = uniqueSuffix();
    await signUp.signUp({
      email: `short.${suffix}@example.com`,
      username: `short_${suffix}`,
      displayName: 'Short Password',
      password: 'short',
    });
    await expect(signUp.formError).toHaveText('Please fix the highlighted fields.');
    await expect(signUp.password).toHaveAttribute('aria-invalid', 'true');
    await expect(signUp.password).toHaveAccessibleDescription(/Use at least 10 characters/);
    await expect(signUp.fieldError(signUp.password)).toHaveText('Use at least 10 characters');
    // The other fields are valid.
    await expect(signUp.email).not.toHaveAttribute('aria-invalid', 'true');
    await expect(signUp.username).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL('/signup');
    expect(apiCalls).toEqual([]);
  });

  test('sign-up validates an invalid email and username in the browser', async ({ page }) => {
    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.signUp({
      email: 'not-an-email',
      username: 'No Spaces!',
      displayName: users.fan.displayName,
      password: 'long-enough-password',
    });
    await expect(signUp.fieldError(signUp.email)).toHaveText('Enter a valid email address');
    await expect(signUp.fieldError(signUp.username)).toHaveText(
      'Use 3–30 characters: lowercase letters, digits and _',
    );
    await expect(signUp.password).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL('/signup');
  });
});
