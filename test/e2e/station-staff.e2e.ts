import type { BrowserContext, Page } from '@playwright/test';
import { openDevice, PASSWORD, signIn, statusBar } from './support/devices';
import { createTestExam, expect, test } from './support/exam-server';
import { expectNoSeriousA11yViolations } from './support/exam-page';
import { PROCTOR } from './support/exam-station';

/*
 * Issue 10's station defects: candidates at the station no longer see the
 * operator's "Exam bundle" statistics, and staff can take the station out
 * of station mode from the UI, behind a proctor's PIN (offline) or an online
 * staff sign-in. At 1280×800; screenshots go to E2E_SHOTS_DIR.
 */

test.use({ viewport: { width: 1280, height: 800 } });

const PIN = '602914';
const SHOTS = process.env.E2E_SHOTS_DIR;
const shoot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};

async function openStaffAccess(page: Page) {
  await page.getByRole('button', { name: 'Staff access' }).click();
  const dialog = page.getByRole('dialog', { name: 'Staff access' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('candidates see no bundle statistics; staff reach them with a PIN offline, and leave station mode by signing in', async ({
  browser,
  page,
  context,
  api,
}) => {
  test.setTimeout(120_000);
  const contexts: BrowserContext[] = [];
  try {
    // The proctor sets a station PIN on their own device first (it syncs to stations as a verifier).
    const proctor = await openDevice(browser, contexts);
    await signIn(proctor.page, PROCTOR);
    await expect(statusBar(proctor.page)).toContainText('Online · synced');
    await proctor.page.getByRole('link', { name: 'Station PIN' }).click();
    await proctor.page.getByLabel('New PIN').fill(PIN);
    await proctor.page.getByLabel('Repeat the PIN').fill(PIN);
    await proctor.page.getByRole('button', { name: 'Set station PIN' }).click();
    await expect(proctor.page.getByRole('status').filter({ hasText: 'Your station PIN is set.' })).toBeVisible();
    await expect(statusBar(proctor.page)).toContainText('Online · synced');

    const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E station staff' });
    await page.goto('/#/station/setup');
    await page.getByLabel('Proctor email').fill(PROCTOR);
    await page.getByLabel('Proctor password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Station name').fill('E2E staff desk');
    await page.getByRole('button', { name: 'Continue' }).click();
    // Step 3: each assessment a bordered choice, its checkbox beside its label.
    const choice = page.getByRole('checkbox', { name: new RegExp(`^${exam.title} \\(`) });
    const label = page.locator('label.checkbox-row').filter({ hasText: exam.title });
    const [boxOf, labelOf] = [(await choice.boundingBox())!, (await label.boundingBox())!];
    expect(boxOf.y + boxOf.height).toBeLessThanOrEqual(labelOf.y + labelOf.height);
    expect(boxOf.width).toBeGreaterThanOrEqual(18);
    await choice.check();
    await expectNoSeriousA11yViolations(page, 'station set-up, step 3');
    await shoot(page, 'station-setup-step3');
    await page.getByRole('button', { name: 'Sign in this station' }).click();

    // The proctor who set it up watches the bundle arrive on the staff screen.
    await expect(page.getByRole('heading', { name: 'Station staff', level: 1 })).toBeFocused();
    const bundle = page.getByRole('region', { name: 'Exam bundle' });
    await expect(bundle.getByRole('status')).toHaveText(/^Ready/);
    await expect(page.getByText(/is syncing/)).toHaveCount(0);
    await expect(statusBar(page)).toContainText('Online · synced');
    await expectNoSeriousA11yViolations(page, 'the station staff screen');
    await shoot(page, 'station-staff');
    await page.getByRole('button', { name: 'Open the station for candidates' }).click();

    // The candidates' screen: no statistics, the status bar on the window's bottom edge.
    await expect(page.getByRole('heading', { name: 'Start your assessment', level: 1 })).toBeFocused();
    await expect(page.getByRole('region', { name: 'Exam bundle' })).toHaveCount(0);
    await expect(page.getByText(/Open invitations|Questions/)).toHaveCount(0);
    const bar = (await statusBar(page).boundingBox())!;
    expect(Math.round(bar.y + bar.height)).toBe(800);
    await expectNoSeriousA11yViolations(page, 'the station home');
    await shoot(page, 'station-home');
    // The sign-in screen stays out of reach: the window is still a station.
    await page.goto('/#/sign-in');
    await expect(page.getByRole('heading', { name: 'Start your assessment' })).toBeVisible();
    await page.goto('/#/station/staff');
    await expect(page.getByRole('heading', { name: 'Start your assessment' })).toBeVisible();

    // Offline, a wrong PIN keeps the staff screen shut; the proctor's PIN opens it.
    await context.setOffline(true);
    await expect(statusBar(page)).toContainText('Offline');
    let dialog = await openStaffAccess(page);
    await expectNoSeriousA11yViolations(page, 'the staff access dialog');
    await shoot(page, 'station-staff-access');
    await dialog.getByLabel('Proctor PIN').fill('951742');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('That PIN does not match any proctor.');
    await dialog.getByLabel('Proctor PIN').fill(PIN);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Station staff', level: 1 })).toBeFocused();
    await expect(page.getByRole('region', { name: 'Exam bundle' }).getByRole('status')).toHaveText(/^Ready/);
    await page.getByRole('button', { name: 'Open the station for candidates' }).click();
    await expect(page.getByRole('heading', { name: 'Start your assessment' })).toBeVisible();

    // Online again, a proctor signs in with email and password and leaves station mode.
    await context.setOffline(false);
    await expect(statusBar(page)).toContainText('Online · synced');
    dialog = await openStaffAccess(page);
    await dialog.getByText('Your email and password (needs the network)', { exact: true }).click();
    await dialog.getByLabel('Staff email').fill(PROCTOR);
    await dialog.getByLabel('Staff password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Station staff', level: 1 })).toBeFocused();
    await page.getByRole('button', { name: 'Leave station mode' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page).toHaveURL(/#\/sign-in/);

    // No longer a station: a reload stays on sign-in, and the station's home leads to set-up.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await page.goto('/#/station');
    await expect(page.getByRole('heading', { name: 'Set up this exam station' })).toBeVisible();
  } finally {
    for (const opened of contexts) await opened.close();
  }
});
