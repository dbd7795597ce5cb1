import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestExam, expect, test } from './support/exam-server';
import {
  answerByKeyboard,
  clockSeconds,
  currentQuestion,
  expectNoSeriousA11yViolations,
  goToQuestion,
  launchOwnChromium,
  openExamStart,
  questionHeading,
  signInAsCandidate,
  startTest,
  submitFromDialog,
} from './support/exam-page';

/*
 * The exam in real Chromium against the real sync server: instructions,
 * answering, submission, resuming after a reload and after the browser
 * process is killed, the automatic submission at zero, and a whole exam
 * taken offline that replicates once the network returns. What the server
 * received is checked through its own API, as the admin. These reach the
 * exam as the demo candidate signed in on the device (support/exam-page.ts);
 * exam-station.e2e.ts goes through a real station and its invitation entry.
 */

test('a candidate takes a test from the instructions to “submitted”, by keyboard, and the server scores it', async ({
  page,
  api,
}) => {
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E happy path' });
  await page.goto('/');
  await signInAsCandidate(page);
  await openExamStart(page, exam);

  await expect(page.getByText('10 minutes')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: String(exam.questionIds.length) })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the instructions');
  await page.getByRole('button', { name: 'Start the test' }).click();

  await expect(questionHeading(page)).toHaveText(`Question 1 of ${exam.questionIds.length}`);
  await expect(questionHeading(page)).toBeFocused();
  await expect(page.getByRole('timer')).toHaveText(/^(10:00|9:[0-5]\d)$/);
  await expectNoSeriousA11yViolations(page, 'a question');

  const chosen = new Map<number, string>();
  chosen.set(1, await answerByKeyboard(page, 1));
  await page.keyboard.press('r');
  await page.keyboard.press('n');
  await expect(questionHeading(page)).toHaveText(/^Question 2 of/);
  await expect(questionHeading(page)).toBeFocused();
  chosen.set(2, await answerByKeyboard(page, 0));
  // Changing one's mind is saved too.
  chosen.set(2, await answerByKeyboard(page, 2));
  await page.keyboard.press('p');
  await expect(questionHeading(page)).toHaveText(/^Question 1 of .*flagged for review/);
  await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', chosen.get(1)!);

  const dialog = await submitFromDialog(page);
  const unanswered = Array.from({ length: exam.questionIds.length - 2 }, (_, i) => i + 3);
  await expect(dialog).toContainText(
    `You have not answered ${unanswered.length} questions: questions ${unanswered.slice(0, -1).join(', ')} and ${unanswered.at(-1)}.`,
  );
  await expect(dialog).toContainText('You flagged 1 question for review: question 1.');
  await expectNoSeriousA11yViolations(page, 'the submit confirmation');
  await dialog.getByRole('button', { name: 'Submit test' }).click();

  await expect(page.getByRole('heading', { name: 'Test submitted' })).toBeVisible();
  await expect(page.getByText(`You answered 2 of ${exam.questionIds.length} questions.`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the submitted screen');

  // The server has it, completed, with the original option keys, and scores it.
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.is_completed).toBe(true);
  const session = (await api.sessionOfToken(exam.tokenId))!;
  expect(session.candidate_email).toBe('candidate@demo.assist-ten.test');
  expect(session.application_id).toBe(exam.applicationId);
  expect([...session.question_ids].sort()).toEqual([...exam.questionIds].sort());
  await expect
    .poll(async () => (await api.answersOf(session.session_id)).filter((a) => a.selected_answer).length)
    .toBe(2);
  const answers = await api.answersOf(session.session_id);
  for (const [number, key] of chosen) {
    expect(answers.find((a) => a.question_id === session.question_ids[number - 1])?.selected_answer).toBe(key);
  }
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.is_scored).toBe(true);
  const tokens = await api.pull('assessments', 'assessment_token');
  expect(tokens.find((t) => t.id === exam.tokenId)?.is_used).toBe(true);

  // The released score reaches the station; "Done" hands the station back.
  await expect(page.getByText(/^Your score: /)).toBeVisible();
  await page.getByRole('button', { name: /^Done/ }).click();
  await expect(page.getByRole('heading', { name: 'Test submitted' })).toHaveCount(0);
});

test('a reload in the middle of the test resumes at the same question with every saved answer', async ({
  page,
  api,
}) => {
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E reload' });
  await page.goto('/');
  await signInAsCandidate(page);
  await openExamStart(page, exam);
  await startTest(page);
  const first = await answerByKeyboard(page, 3);
  await page.keyboard.press('n');
  const second = await answerByKeyboard(page, 1);
  await page.keyboard.press('r');
  await page.keyboard.press('n');
  await expect(questionHeading(page)).toHaveText(/^Question 3 of/);
  const before = await clockSeconds(page);

  await page.reload();
  await signInAsCandidate(page);
  await openExamStart(page, exam, { afterSync: false });
  await expect(page.getByText('Your test has already started')).toBeVisible();
  await startTest(page, 'Resume the test');

  await expect(questionHeading(page)).toHaveText(/^Question 3 of/);
  expect(await clockSeconds(page)).toBeLessThanOrEqual(before);
  await goToQuestion(page, 2);
  await expect(questionHeading(page)).toHaveText(/flagged for review/);
  await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', second);
  await goToQuestion(page, 1);
  await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', first);

  // And the server has every saved answer.
  const session = (await api.sessionOfToken(exam.tokenId))!;
  await expect
    .poll(async () =>
      (await api.answersOf(session.session_id))
        .map((a) => a.selected_answer)
        .filter(Boolean)
        .sort(),
    )
    .toEqual([first, second].sort());
});

test('killing the browser mid-test loses no saved answer, and the time while closed counts', async ({
  baseURL,
  api,
}) => {
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E killed' });
  const profile = mkdtempSync(join(tmpdir(), 'hb-exam-profile-'));
  try {
    let chromium = await launchOwnChromium(profile);
    let page = await chromium.browser.contexts()[0]!.newPage();
    await page.goto(baseURL!);
    await signInAsCandidate(page);
    await openExamStart(page, exam);
    await startTest(page);
    const saved = [await answerByKeyboard(page, 2)];
    await page.keyboard.press('n');
    saved.push(await answerByKeyboard(page, 0));
    await page.keyboard.press('n');
    await expect(questionHeading(page)).toHaveText(/^Question 3 of/);
    // Once the session has reached the server, its start time there is the reference for the clock.
    await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.started_at).toBeDefined();
    const startedAt = Date.parse((await api.sessionOfToken(exam.tokenId))!.started_at);
    await chromium.kill();

    chromium = await launchOwnChromium(profile);
    page = await chromium.browser.contexts()[0]!.newPage();
    await page.goto(baseURL!);
    await signInAsCandidate(page);
    await openExamStart(page, exam, { afterSync: false });
    await startTest(page, 'Resume the test');
    await expect(questionHeading(page)).toHaveText(/^Question 3 of/);
    const expected = 600 - (Date.now() - startedAt) / 1000;
    expect(Math.abs((await clockSeconds(page)) - expected)).toBeLessThan(5);
    for (const [i, key] of saved.entries()) {
      await goToQuestion(page, i + 1);
      await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', key);
    }
    await chromium.kill();
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  }
});

test('at zero the test is submitted automatically, with the answers given', async ({ page, api }) => {
  const exam = await createTestExam(api, { durationMinutes: 6, isProctored: false, title: 'E2E timeout' });
  await page.clock.install();
  await page.goto('/');
  await signInAsCandidate(page);
  await openExamStart(page, exam);
  await startTest(page);
  const key = await answerByKeyboard(page, 1);

  await page.clock.fastForward('01:05');
  await expect(page.getByRole('alert')).toContainText('5 minutes left.');
  await page.clock.fastForward('04:00');
  await expect(page.getByRole('alert')).toContainText('1 minute left.');
  await page.clock.fastForward('01:00');

  await expect(page.getByRole('heading', { name: 'Test submitted' })).toBeVisible();
  await expect(page.getByText('Time ran out and your answers were submitted automatically.')).toBeVisible();
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.is_completed).toBe(true);
  const session = (await api.sessionOfToken(exam.tokenId))!;
  expect(session.duration_seconds).toBe(360);
  await expect
    .poll(async () => (await api.answersOf(session.session_id)).find((a) => a.selected_answer)?.selected_answer)
    .toBe(key);
});

test('a whole exam taken with the network cut replicates when it returns', async ({ page, context, api }) => {
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E offline' });
  await page.goto('/');
  await signInAsCandidate(page);
  await openExamStart(page, exam);
  await context.setOffline(true);

  await startTest(page);
  const { total } = await currentQuestion(page);
  const keys: string[] = [];
  for (let n = 1; n <= total; n++) {
    keys.push(await answerByKeyboard(page, (n - 1) % 3));
    if (n < total) await page.keyboard.press('n');
  }
  const dialog = await submitFromDialog(page);
  await expect(dialog).toContainText('You have answered every question.');
  await dialog.getByRole('button', { name: 'Submit test' }).click();
  await expect(page.getByRole('heading', { name: 'Test submitted' })).toBeVisible();
  expect(await api.sessionOfToken(exam.tokenId)).toBeUndefined();

  await context.setOffline(false);
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.is_completed, { timeout: 30_000 }).toBe(true);
  const session = (await api.sessionOfToken(exam.tokenId))!;
  await expect
    .poll(async () => (await api.answersOf(session.session_id)).filter((a) => a.selected_answer).length, {
      timeout: 30_000,
    })
    .toBe(total);
  const answers = await api.answersOf(session.session_id);
  session.question_ids.forEach((id, i) =>
    expect(answers.find((a) => a.question_id === id)?.selected_answer).toBe(keys[i]),
  );
});
