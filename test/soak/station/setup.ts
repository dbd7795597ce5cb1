import type { Page } from 'playwright-core';
import { homeHeading, SCREEN_TIMEOUT } from './screens';

/*
 * The proctor signs the device in as an exam station through the set-up
 * screens, as test/e2e/support/exam-station.ts `setUpStation` does, with two
 * differences the soak needs: its own credentials and timeouts (that helper
 * reads the e2e run's password and uses expect's short default), and it
 * waits for every invitation of the bundle, not only for "Ready" (which
 * means assessments and questions arrived): a candidate typing a code that
 * has not synced yet would be refused, which the soak would count.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BUNDLE_TIMEOUT = 120_000;

export interface StationSignIn {
  proctorEmail: string;
  proctorPassword: string;
  stationName: string;
  assessmentTitle: string;
  /** Open invitations the bundle holds once synced. */
  bundleInvitations: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function signInStation(page: Page, signIn: StationSignIn): Promise<void> {
  await page.getByLabel('Proctor email').fill(signIn.proctorEmail);
  await page.getByLabel('Proctor password').fill(signIn.proctorPassword);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Station name').fill(signIn.stationName);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page
    .getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(signIn.assessmentTitle)} \\(`) })
    .check({ timeout: SCREEN_TIMEOUT });
  await page.getByRole('button', { name: 'Sign in this station' }).click();
  await page.getByRole('heading', { name: 'Station staff' }).waitFor({ timeout: SCREEN_TIMEOUT });
  await waitForBundle(page, signIn.bundleInvitations);
  await page.getByRole('button', { name: 'Open the station for candidates' }).click();
  await homeHeading(page).waitFor({ timeout: SCREEN_TIMEOUT });
}

async function waitForBundle(page: Page, invitations: number): Promise<void> {
  const bundle = page.getByRole('region', { name: 'Exam bundle' });
  await bundle.getByRole('status').filter({ hasText: 'Ready' }).waitFor({ timeout: BUNDLE_TIMEOUT });
  const open = bundle.locator('.stat', { has: page.getByText('Open invitations', { exact: true }) }).locator('dd');
  const deadline = Date.now() + BUNDLE_TIMEOUT;
  let shown = '';
  while ((shown = (await open.innerText()).trim()) !== String(invitations)) {
    if (Date.now() > deadline) throw new Error(`the bundle shows ${shown} open invitations, not ${invitations}`);
    await sleep(200);
  }
}
