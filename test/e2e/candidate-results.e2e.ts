import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AdminApi, createTestExam, expect, test } from './support/exam-server';
import { answerByKeyboard, openExamStart, signInAsCandidate, startTest, submitFromDialog } from './support/exam-page';

/*
 * A candidate's results, through the real screens against the real server:
 * before the test there is no result; once submitted, nothing while the
 * server withholds the score (here a proctor holds the session for review,
 * which the server's release rule respects); once released, the score and
 * its date appear on "My assessments" by themselves, as sync brings them.
 */

const SYNC_URL = process.env.E2E_SYNC_URL ?? '';
const PASSWORD = process.env.E2E_SEED_PASSWORD ?? '';
const PROCTOR = 'proctor@demo.assist-ten.test';
const SHOTS = process.env.E2E_SHOTS_DIR;

test.use({ viewport: { width: 1280, height: 800 } });

/** As the demo proctor: sets the session's review flag, as the review screen's follow-up does. */
async function holdForReview(sessionId: string, needsReview: boolean) {
  const login = await fetch(`${SYNC_URL}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: PROCTOR, password: PASSWORD }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const proctor = await AdminApi.signIn(PROCTOR);
  const current = (await proctor.pull('test_sessions', 'test_session')).find((s) => s.session_id === sessionId)!;
  const next = {
    ...current,
    needs_review: needsReview,
    review_reason: needsReview ? 'Held by the end-to-end test.' : undefined,
    updated_at: new Date().toISOString(),
  };
  const push = await fetch(`${SYNC_URL}/sync/test_sessions/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
    body: JSON.stringify([{ assumedMasterState: current, newDocumentState: JSON.parse(JSON.stringify(next)) }]),
  });
  expect(push.ok).toBe(true);
  expect(await push.json()).toEqual([]);
}

function resultOf(page: Page, title: string) {
  const row = page
    .getByRole('table', { name: /^My assessments/ })
    .getByRole('row')
    .filter({ hasText: title });
  return row.getByRole('cell').nth(3);
}

async function openMyAssessments(page: Page) {
  // Client-side: the session lives in memory, so a page load would sign the candidate out.
  await page.evaluate(() => (window.location.hash = '#/candidate/assessments'));
  await expect(page.getByRole('heading', { level: 1, name: 'My assessments' })).toBeVisible();
}

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 200)).join(', ')}`),
    label,
  ).toEqual([]);
}

test('a candidate sees their score on “My assessments” once it is released, with its date, and nothing before', async ({
  page,
  api,
}) => {
  test.setTimeout(120_000);
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: false, title: 'E2E results' });
  await page.goto('/');
  await signInAsCandidate(page);
  await expect(page.getByRole('contentinfo', { name: 'Sync status' })).toContainText('Online · synced');
  await expect(resultOf(page, exam.title)).toHaveText('—');

  await openExamStart(page, exam);
  await startTest(page);
  await answerByKeyboard(page, 0);
  await page.keyboard.press('n');
  await answerByKeyboard(page, 1);
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.session_id).toBeTruthy();
  const sessionId = (await api.sessionOfToken(exam.tokenId))!.session_id;
  await holdForReview(sessionId, true);

  const dialog = await submitFromDialog(page);
  await dialog.getByRole('button', { name: 'Submit test' }).click();
  await expect(page.getByRole('heading', { name: 'Test submitted' })).toBeVisible();
  // Scored on the server, and withheld from the candidate while the session is held.
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.is_scored).toBe(true);
  expect((await api.sessionOfToken(exam.tokenId))?.score_released_at).toBeUndefined();

  await openMyAssessments(page);
  await expect(resultOf(page, exam.title)).toHaveText('Not released yet');
  await expect(page.getByRole('table', { name: /^My assessments/ })).not.toContainText('%');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/candidate-results-withheld.png` });

  // The proctor clears the session: the server releases the score, and sync brings it to the open screen.
  await holdForReview(sessionId, false);
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.score_released_at).toBeTruthy();
  const released = (await api.sessionOfToken(exam.tokenId))!;
  // As the app writes dates everywhere (date-fns 'd MMM yyyy', in the viewer's zone, which is this machine's).
  const at = new Date(released.score_released_at!);
  const month = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')[at.getMonth()];
  const day = `${at.getDate()} ${month} ${at.getFullYear()}`;
  const percent = Number.isInteger(released.score_percentage)
    ? `${released.score_percentage}%`
    : `${released.score_percentage!.toFixed(1).replace(/\.0$/, '')}%`;
  await expect(resultOf(page, exam.title)).toHaveText(
    `${percent} · ${released.correct_answers} of ${released.total_questions} correct · released ${day}`,
  );
  await expect(resultOf(page, exam.title).locator('time')).toHaveAttribute('datetime', released.score_released_at!);
  await expectNoSeriousViolations(page, 'My assessments with a released score');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/candidate-results-released.png` });
});
