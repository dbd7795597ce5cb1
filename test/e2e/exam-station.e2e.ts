import { expect, test } from '@playwright/test';
import { AdminApi, createTestExam } from './support/exam-server';
import {
  answerByKeyboard,
  clockSeconds,
  expectNoSeriousA11yViolations,
  goToQuestion,
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

let api: AdminApi;
test.beforeAll(async () => {
  api = await AdminApi.signIn();
});

test('from the invitation code to “submitted” on an exam station, surviving a reload on the way', async ({ page }) => {
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
