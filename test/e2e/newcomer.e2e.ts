import { expect, test } from '@playwright/test';
import { watchConsole } from './support/console-guard';

/*
 * A newcomer's first run, in real Chromium with real IndexedDB: an empty
 * database offers demo data, they choose a password for the demo accounts,
 * sign in as a recruiter and see the seeded requisitions, live from RxDB.
 */
const PASSWORD = 'correct horse battery';

test('a newcomer loads demo data, signs in as a recruiter and sees seeded requisitions', async ({ page }) => {
  // What a newcomer would see in the developer tools: no error on the way (issue: a favicon 404, library noise).
  const consoleGuard = watchConsole(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByLabel('Demo password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create demo accounts' }).click();

  const recruiterEmail = 'recruiter@demo.assist-ten.test';
  await expect(page.getByText(recruiterEmail).first()).toBeVisible();

  await page.getByLabel('Email').fill(recruiterEmail);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Requisitions' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Requisitions' });
  await expect(table.getByRole('row')).toHaveCount(6); // header + the 5 seeded requisitions
  await expect(table.getByRole('cell', { name: 'Backend Engineer', exact: true })).toBeVisible();

  // The data lives in IndexedDB: a reload signs back in to the same rows, no re-seeding.
  await page.reload();
  await page.getByLabel('Email').fill(recruiterEmail);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('table', { name: 'Requisitions' }).getByRole('row')).toHaveCount(6);
  consoleGuard.expectNoErrors('the newcomer path');
});

test('a wrong password is refused with a message a screen reader announces', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await page.getByLabel('Demo password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create demo accounts' }).click();
  await page.getByLabel('Email').fill('interviewer@demo.assist-ten.test');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/password/i);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
});
