import type { BrowserContext, Locator, Page } from '@playwright/test';
import { AdminApi, createTestExam, expect, test } from './support/exam-server';
import {
  answerByKeyboard,
  clockSeconds,
  expectNoSeriousA11yViolations,
  questionHeading,
  startTest,
} from './support/exam-page';
import { enterInvitation, PROCTOR, setUpStation } from './support/exam-station';
import { openDevice, signIn, statusBar } from './support/devices';

/*
 * Issue 4's "Leaving" rule in the browser build: only a proctor's PIN, set
 * online on the proctor's own device and synced to the station as a hashed
 * verifier, gives a candidate extra time or ends the locked exam, and that on
 * a station with no network. A wrong PIN changes nothing.
 */

const PIN = '480317';
const WRONG_PIN = '951742';
const EXTRA_MINUTES = 5;

const fullscreenElement = (page: Page) => page.evaluate(() => document.fullscreenElement?.tagName ?? null);

async function openUnlockDialog(page: Page) {
  await page.getByRole('button', { name: 'Proctor', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Proctor unlock' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function askForExtraTime(dialog: Locator) {
  // React Aria's radio input sits under its label, which takes the click.
  await dialog.getByText('Give extra time', { exact: true }).click();
  await expect(dialog.getByRole('radio', { name: 'Give extra time' })).toBeChecked();
  await dialog.getByLabel('Extra minutes').fill(String(EXTRA_MINUTES));
}

test('offline, a wrong proctor PIN changes nothing; the right one gives extra time, then ends the lockdown without submitting', async ({
  browser,
  page,
  context,
  api,
}) => {
  const contexts: BrowserContext[] = [];
  try {
    // The proctor sets a PIN on their own device, online; only its verifier goes to the server.
    const proctor = await openDevice(browser, contexts);
    await signIn(proctor.page, PROCTOR);
    // The proctor's own account (where the verifier goes) arrives with the first pull.
    await expect(statusBar(proctor.page)).toContainText('Online · synced');
    await proctor.page.getByRole('link', { name: 'Station PIN' }).click();
    await expect(proctor.page.getByText('You have not set a station PIN yet.')).toBeVisible();
    await proctor.page.getByLabel('New PIN').fill(PIN);
    await proctor.page.getByLabel('Repeat the PIN').fill(PIN);
    await proctor.page.getByRole('button', { name: 'Set station PIN' }).click();
    await expect(proctor.page.getByRole('status').filter({ hasText: 'Your station PIN is set.' })).toBeVisible();
    const asProctor = await AdminApi.signIn(PROCTOR);
    await expect
      .poll(async () => (await asProctor.pull('users', 'user')).find((u) => u.email === PROCTOR)?.proctor_pin_hash)
      .toMatch(/\S/);
    expect((await asProctor.pull('users', 'user')).find((u) => u.email === PROCTOR)!.proctor_pin_hash).not.toContain(
      PIN,
    );
    await expect(statusBar(proctor.page)).toContainText('Online · synced');

    // The station, set up by that proctor, takes its bundle (with the verifier) and loses the network.
    const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E proctor unlock' });
    await setUpStation(page, [exam.title]);
    await expect(statusBar(page)).toContainText('Online · synced');
    await context.setOffline(true);
    await expect(statusBar(page)).toContainText('Offline');

    await enterInvitation(page, exam.token, exam.title);
    await startTest(page);
    await expect.poll(() => fullscreenElement(page)).toBe('HTML');
    const answer = await answerByKeyboard(page, 2);

    // A wrong PIN is refused, said aloud, and neither time nor the lockdown changes.
    let dialog = await openUnlockDialog(page);
    await askForExtraTime(dialog);
    // The chosen action shows as chosen: a filled mark and a highlighted option, unlike the other.
    const chosen = dialog.locator('.radio-option[data-selected]');
    await expect(chosen).toHaveText('Give extra time');
    const background = (name: string) =>
      dialog.locator('.radio-option', { hasText: name }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background('Give extra time')).not.toBe(await background('End the exam and leave lockdown'));
    await expectNoSeriousA11yViolations(page, 'the proctor unlock dialog');
    if (process.env.E2E_SHOTS_DIR) await page.screenshot({ path: `${process.env.E2E_SHOTS_DIR}/proctor-unlock.png` });
    await dialog.getByLabel('Proctor PIN').fill(WRONG_PIN);
    const before = await clockSeconds(page);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('That PIN does not match any proctor.');
    await expect(dialog.getByLabel('Proctor PIN')).toHaveValue('');
    expect(await clockSeconds(page)).toBeLessThanOrEqual(before);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await fullscreenElement(page)).toBe('HTML');
    await expect(questionHeading(page)).toHaveText(/^Question 1 of/);

    // The right PIN adds the minutes to the clock, and the test goes on.
    dialog = await openUnlockDialog(page);
    await askForExtraTime(dialog);
    await dialog.getByLabel('Proctor PIN').fill(PIN);
    const beforeExtra = await clockSeconds(page);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('status').filter({ hasText: `A proctor added ${EXTRA_MINUTES} minutes.` }),
    ).toBeVisible();
    // The clock ticks on meanwhile, so the gain is at most the extra time; a minute's margin for a slow machine.
    await expect.poll(() => clockSeconds(page)).toBeGreaterThan(beforeExtra + EXTRA_MINUTES * 60 - 60);
    expect(await clockSeconds(page)).toBeLessThanOrEqual(beforeExtra + EXTRA_MINUTES * 60);
    await page.keyboard.press('n');
    await expect(questionHeading(page)).toHaveText(/^Question 2 of/);

    // The right PIN with "exit": the lockdown ends, the test is not submitted and waits on the station's home.
    dialog = await openUnlockDialog(page);
    await expect(dialog.getByRole('radio', { name: 'End the exam and leave lockdown' })).toBeChecked();
    await dialog.getByLabel('Proctor PIN').fill(PIN);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('heading', { name: 'Start your assessment' })).toBeVisible();
    await expect.poll(() => fullscreenElement(page)).toBeNull();
    await expect(page.getByRole('heading', { name: 'Test submitted' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Resume the test' }).click();
    await expect(questionHeading(page)).toHaveText(/^Question 2 of/);
    await expect.poll(() => fullscreenElement(page)).toBe('HTML');
    expect(await clockSeconds(page)).toBeGreaterThan(10 * 60);
    await page.keyboard.press('p');
    await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', answer);

    // Back online, the extra time reaches the server, on a session still open.
    await context.setOffline(false);
    await expect
      .poll(async () => (await api.sessionOfToken(exam.tokenId))?.extra_time_seconds)
      .toBe(EXTRA_MINUTES * 60);
    expect((await api.sessionOfToken(exam.tokenId))!.is_completed).not.toBe(true);
  } finally {
    for (const opened of contexts) await opened.close();
  }
});
