import { expect, type Page } from '@playwright/test';

/*
 * The station's own way in (screens/station): a proctor signs the device in
 * as an exam station for chosen assessments, watches its bundle arrive on the
 * staff screen and opens the station for candidates; then a candidate types
 * their invitation code and confirms their details, which opens `/exam/start`.
 */

const PASSWORD = process.env.E2E_SEED_PASSWORD ?? '';
export const PROCTOR = 'proctor@demo.assist-ten.test';

export async function setUpStation(page: Page, assessmentTitles: readonly string[], name = 'E2E hall, desk 1') {
  if (!page.url().includes('#/station/setup')) await page.goto('/#/station/setup');
  await page.getByLabel('Proctor email').fill(PROCTOR);
  await page.getByLabel('Proctor password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Station name').fill(name);
  await page.getByRole('button', { name: 'Continue' }).click();
  for (const title of assessmentTitles) {
    await page.getByRole('checkbox', { name: new RegExp(`^${title} \\(`) }).check();
  }
  await page.getByRole('button', { name: 'Sign in this station' }).click();
  await expect(page.getByRole('heading', { name: 'Station staff' })).toBeVisible();
  // Invitations are checked against the bundle: it must have arrived.
  await expect(page.getByRole('region', { name: 'Exam bundle' }).getByRole('status')).toContainText('Ready');
  await page.getByRole('button', { name: 'Open the station for candidates' }).click();
  await expect(page.getByRole('heading', { name: 'Start your assessment' })).toBeVisible();
}

/** Types the code, confirms the prefilled details, and waits for the exam's instructions. */
export async function enterInvitation(page: Page, token: string, title: string) {
  await page.getByLabel('Invitation code').fill(token);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Confirm your details' })).toBeVisible();
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}
