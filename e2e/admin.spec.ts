import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { AdminPage } from './pages/admin.po';
import { SignInPage } from './pages/sign-in.po';
import { findUser } from './support/api';
import { authFile, DEMO_PASSWORD, uniqueSuffix, users } from './support/users';

test.use({ storageState: authFile('admin') });

test.describe('admin user management', () => {
  test('changes a fan to creator with a reason, recorded in the audit log', async ({ page, request }) => {
    const target = users.promotedFan;
    // Idempotent on a retry: start from a fan.
    const before = await findUser(request, target.username);
    if (before.role !== 'fan') {
      const reset = await request.post(`/api/admin/users/${before.id}/role`, {
        data: { role: 'fan', reason: 'e2e: reset before the test' },
      });
      expect(reset.status()).toBe(200);
    }

    const reason = `Promoted by e2e ${uniqueSuffix()}`;
    const admin = new AdminPage(page);
    await admin.goto();
    await expect(admin.roleCell(target.username)).toHaveText('fan');

    await admin.changeRole(target.username, 'creator', reason);

    await expect(admin.roleCell(target.username)).toHaveText('creator');
    const audit = admin.auditRows(target.username).filter({ hasText: reason });
    await expect(audit).toHaveCount(1);
    await expect(audit).toContainText('profile.role');
    await expect(audit).toContainText('role: fan → creator');
    await expect(audit).toContainText(`@${users.admin.username}`);

    // It sticks: the server says so after a reload, and the new creator is listed publicly.
    await page.reload();
    await expect(admin.roleCell(target.username)).toHaveText('creator');
    expect((await findUser(request, target.username)).role).toBe('creator');
    await page.goto('/creators');
    await expect(page.getByRole('link', { name: target.displayName })).toBeVisible();
  });

  test('a ban ends the fan’s session and blocks sign-in; unban lets them back', async ({
    page,
    request,
    browser,
  }) => {
    const target = users.bannedFan;
    const before = await findUser(request, target.username);
    if (before.is_banned) {
      const reset = await request.post(`/api/admin/users/${before.id}/ban`, {
        data: { banned: false, reason: 'e2e: reset before the test' },
      });
      expect(reset.status()).toBe(200);
    }

    // The fan signs in in a browser of their own (no admin cookies).
    const fanContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const fanPage = await fanContext.newPage();
      const fanSignIn = new SignInPage(fanPage);
      await fanSignIn.goto('/profile');
      await fanSignIn.signIn(target.email, DEMO_PASSWORD);
      await expect(fanPage).toHaveURL('/profile');
      await expect(fanPage.getByRole('heading', { name: 'Your profile' })).toBeVisible();

      const banReason = `Spam in comments (e2e ${uniqueSuffix()})`;
      const admin = new AdminPage(page);
      await admin.goto();
      await expect(admin.statusCell(target.username)).toHaveText('Active');
      await admin.setBanned(target.username, true, banReason);
      await expect(admin.statusCell(target.username)).toHaveText('Banned');
      await expect(admin.userRow(target.username).getByRole('button', { name: /^Unban\b/ })).toBeVisible();
      const banAudit = admin.auditRows(target.username).filter({ hasText: banReason });
      await expect(banAudit).toContainText('profile.ban');
      await expect(banAudit).toContainText('is_banned: false → true');

      // The fan's next page load is treated as signed out.
      await fanPage.goto('/profile');
      await expect(fanPage).toHaveURL('/signin?next=%2Fprofile');
      await fanSignIn.signIn(target.email, DEMO_PASSWORD);
      await expect(fanSignIn.error).toHaveText('This account has been suspended by an administrator');
      await expect(fanPage).toHaveURL('/signin?next=%2Fprofile');

      const unbanReason = `Appeal accepted (e2e ${uniqueSuffix()})`;
      await admin.setBanned(target.username, false, unbanReason);
      await expect(admin.statusCell(target.username)).toHaveText('Active');
      const unbanAudit = admin.auditRows(target.username).filter({ hasText: unbanReason });
      await expect(unbanAudit).toContainText('profile.unban');
      await expect(unbanAudit).toContainText('is_banned: true → false');

      // Signing in works again.
      await fanSignIn.signIn(target.email, DEMO_PASSWORD);
      await expect(fanPage).toHaveURL('/profile');
      await expect(fanPage.getByRole('heading', { name: 'Your profile' })).toBeVisible();
    } finally {
      await fanContext.close();
    }
  });

  test('role and ban dialogs cannot be submitted without a reason', async ({ page }) => {
    const target = 'chris_fan';
    const admin = new AdminPage(page);
    await admin.goto();

    const roleDialog = await admin.openRoleDialog(target);
    const saveRole = roleDialog.getByRole('button', { name: 'Save role' });
    await roleDialog.getByLabel('New role').selectOption('staff');
    await expect(saveRole).toBeDisabled();
    await roleDialog.getByLabel('Reason').fill('  ab  ');
    await expect(saveRole).toBeDisabled();
    await roleDialog.getByLabel('Reason').fill('abc');
    await expect(saveRole).toBeEnabled();
    // Choosing the current role again is not a change either.
    await roleDialog.getByLabel('New role').selectOption('fan');
    await expect(saveRole).toBeDisabled();
    await roleDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(roleDialog).toBeHidden();

    const banDialog = await admin.openBanDialog(target, 'Ban');
    const ban = banDialog.getByRole('button', { name: 'Ban', exact: true });
    await expect(ban).toBeDisabled();
    await banDialog.getByLabel('Reason').fill('no');
    await expect(ban).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(banDialog).toBeHidden();

    await expect(admin.roleCell(target)).toHaveText('fan');
    await expect(admin.statusCell(target)).toHaveText('Active');
  });

  test('exports the users as CSV', async ({ page }) => {
    const admin = new AdminPage(page);
    await admin.goto();
    const href = await admin.exportCsv.getAttribute('href');
    expect(href).toBe('/api/admin/users?format=csv');

    const res = await page.request.get(href ?? '');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/csv\b/);
    expect(res.headers()['content-disposition']).toMatch(
      /^attachment; filename="communityos-users-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,username,display_name,role,is_banned,created_at_utc');
    expect(lines.slice(1).some((l) => l.includes(`,${users.admin.username},`))).toBe(true);

    // The link itself downloads the file.
    const downloadPromise = page.waitForEvent('download');
    await admin.exportCsv.click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^communityos-users-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await readFile(await download.path(), 'utf8');
    expect(file.split('\r\n')[0]).toBe('id,username,display_name,role,is_banned,created_at_utc');
  });
});
