import { createTestExam, expect, test } from './support/exam-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  answerByKeyboard,
  clockSeconds,
  expectNoSeriousA11yViolations,
  goToQuestion,
  launchOwnChromium,
  questionHeading,
  startTest,
  submitFromDialog,
} from './support/exam-page';
import { enterInvitation, setUpStation } from './support/exam-station';

/*
 * The exam on a real exam station, from the invitation code to "submitted":
 * a proctor signs the device in as a station, the candidate enters their
 * code, takes the test, and the station is handed back. The station keeps
 * its sign-in across a reload, so the test comes back where it was.
 */

test('from the invitation code to “submitted” on an exam station, surviving a reload on the way', async ({
  page,
  api,
}) => {
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E station exam' });
  await setUpStation(page, [exam.title]);
  await enterInvitation(page, exam.token, exam.title);
  await expectNoSeriousA11yViolations(page, 'the instructions on a station');
  await startTest(page);

  const first = await answerByKeyboard(page, 1);
  await page.keyboard.press('n');
  const second = await answerByKeyboard(page, 3);
  await page.keyboard.press('r');
  const before = await clockSeconds(page);

  await page.reload();
  await expect(questionHeading(page)).toHaveText(/^Question 2 of \d+\s*· flagged for review/);
  await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', second);
  expect(await clockSeconds(page)).toBeLessThanOrEqual(before);
  await goToQuestion(page, 1);
  await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', first);

  const dialog = await submitFromDialog(page);
  await dialog.getByRole('button', { name: 'Submit test' }).click();
  await expect(page.getByRole('heading', { name: 'Test submitted' })).toBeVisible();

  // The station's session and answers reach the server, marked with the station and the token.
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.is_completed).toBe(true);
  const session = (await api.sessionOfToken(exam.tokenId))!;
  expect(session.station_id).toBeDefined();
  expect(session.user_id).toBeUndefined();
  await expect
    .poll(async () =>
      (await api.answersOf(session.session_id))
        .filter((a) => a.selected_answer)
        .map((a) => a.selected_answer)
        .sort(),
    )
    .toEqual([first, second].sort());

  await page.getByRole('button', { name: /^Done/ }).click();
  await expect(page.getByRole('heading', { name: 'Start your assessment' })).toBeVisible();
});

test('a station killed mid-test offers the exam again on its home, with every saved answer and the time that passed', async ({
  api,
  baseURL,
}) => {
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E station killed' });
  const profile = mkdtempSync(join(tmpdir(), 'hb-station-profile-'));
  try {
    let chromium = await launchOwnChromium(profile);
    let page = await chromium.browser.contexts()[0]!.newPage();
    await page.goto(`${baseURL}/#/station/setup`);
    await setUpStation(page, [exam.title]);
    await enterInvitation(page, exam.token, exam.title);
    await startTest(page);
    const saved = [await answerByKeyboard(page, 2)];
    await page.keyboard.press('n');
    saved.push(await answerByKeyboard(page, 1));
    await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.started_at).toBeDefined();
    const startedAt = Date.parse((await api.sessionOfToken(exam.tokenId))!.started_at);
    await chromium.kill();

    // The station comes back as a station, on its home, which offers the unfinished exam.
    chromium = await launchOwnChromium(profile);
    page = await chromium.browser.contexts()[0]!.newPage();
    await page.goto(baseURL!);
    await expect(page.getByRole('heading', { name: 'Start your assessment' })).toBeVisible();
    await page.getByRole('button', { name: 'Resume the test' }).click();
    await expect(questionHeading(page)).toHaveText(/^Question 2 of/);
    expect(Math.abs((await clockSeconds(page)) - (600 - (Date.now() - startedAt) / 1000))).toBeLessThan(5);
    await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', saved[1]!);
    await goToQuestion(page, 1);
    await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', saved[0]!);
    await chromium.kill();
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
});
