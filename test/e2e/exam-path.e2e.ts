import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { fakeWebcamArgs, sequences, writeClip } from '../support/fake-webcam/y4m';
import { watchConsole } from './support/console-guard';
import { openDevice, signIn } from './support/devices';
import { createTestExam, expect, test, type TestExam } from './support/exam-server';
import { expectNoSeriousA11yViolations, questionHeading, startTest } from './support/exam-page';
import { enterInvitation, PROCTOR, setUpStation } from './support/exam-station';

/*
 * Issue 10's exam path, as a candidate and then a proctor meet it, at
 * 1280×800: a proctored test at a station whose camera (Chromium's fake one,
 * playing a clip of an empty room) sees no face, so proctoring keeps a "no
 * face" event open; the station is reloaded mid-test, the test submitted;
 * then the proctor reviews the session. Nothing on the way may log a console
 * error, and axe (with no exclusions) finds nothing serious on any screen.
 * Screenshots go to E2E_SHOTS_DIR.
 */

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: 'serial' });

let clipDir: string;
let station: Browser;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  clipDir = await mkdtemp(join(tmpdir(), 'assist-ten-exam-path-'));
  const clip = await writeClip(join(clipDir, 'no-face.y4m'), sequences.noFace(2), { width: 320, height: 240 });
  station = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...fakeWebcamArgs(clip)] });
});

test.afterAll(async () => {
  await station?.close();
  if (clipDir) await rm(clipDir, { recursive: true, force: true });
});

const SHOTS = process.env.E2E_SHOTS_DIR;
const shoot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};

/** Open proctoring events the station has journaled (src-renderer/proctoring/snapshots/store.ts). */
const openEvents = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('assist-ten-snapshots');
        request.onerror = () => reject(new Error(String(request.error)));
        request.onsuccess = () => {
          const db = request.result;
          const count = db.transaction('journal').objectStore('journal').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
      }),
  );

/** Background, border style and text colour: what tells a disabled button from an enabled one. */
const look = (button: Locator) =>
  button.evaluate((el) => {
    const s = getComputedStyle(el);
    return `${s.backgroundColor} ${s.borderStyle} ${s.color}`;
  });

let exam: TestExam;
/** What the candidate saw on question 1 and chose there. */
let seen: { text: string; options: string[]; chosenLetter: string; chosenKey: string };

test('a proctored test at a station, reloaded mid-test, logs no console error and reads clearly', async ({
  api,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const context = await station.newContext({ baseURL: baseURL!, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const consoleGuard = watchConsole(page);
  exam = await createTestExam(api, { durationMinutes: 10, isProctored: true, title: 'E2E exam path' });
  await setUpStation(page, [exam.title]);
  await enterInvitation(page, exam.token, exam.title);

  // The instructions: the browser's limits in the candidate's words, and the way on clear of them.
  const notice = page.getByRole('note', { name: 'This test runs in a web browser' });
  await expect(notice).not.toContainText(/screen-saver|window\.open|Kiosk/);
  const noticeBox = (await notice.boundingBox())!;
  const continueBox = (await page.getByRole('button', { name: 'Continue' }).boundingBox())!;
  expect(continueBox.y - (noticeBox.y + noticeBox.height)).toBeGreaterThanOrEqual(16);
  await expectNoSeriousA11yViolations(page, 'the instructions');
  await shoot(page, 'exam-instructions');

  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('checkbox', { name: 'I agree to camera proctoring during this test.' }).check();
  await page.getByRole('button', { name: 'Continue to the camera check' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^The camera (works|sees)/ })).toBeVisible();
  await startTest(page);
  await expect(page.getByText('Camera on')).toBeVisible();

  // Inline code shows as code, never as backticks, on every question.
  const questions = (await api.pull('question_bank', 'question')).filter((q) => exam.questionIds.includes(q.id));
  const total = questions.length;
  const withCode = questions.filter((q) => q.question_text.includes('`')).length;
  let codeSpans = 0;
  for (let n = 1; n <= total; n++) {
    await expect(questionHeading(page)).toHaveText(new RegExp(`^Question ${n} of ${total}`));
    const question = page.getByRole('region', { name: new RegExp(`^Question ${n} of`) });
    expect(await question.innerText()).not.toContain('`');
    codeSpans += await page.locator('#question-text code').count();
    if (n < total) await page.keyboard.press('n');
  }
  if (withCode) expect(codeSpans).toBeGreaterThan(0);
  await page
    .getByRole('navigation', { name: 'Questions' })
    .getByRole('button', { name: /^Question 1,/ })
    .click();
  await expect(questionHeading(page)).toHaveText(/^Question 1 of/);

  // Question 1: a disabled "Previous" does not look like "Next".
  const previous = page.getByRole('button', { name: 'Previous' });
  await expect(previous).toBeDisabled();
  expect(await look(previous)).not.toBe(await look(page.getByRole('button', { name: 'Next' })));

  // The options are one Tab stop, the first while none is chosen, whichever way Tab goes (several times, as
  // the clock re-renders the screen four times a second).
  const firstOption = page.getByRole('radio').first();
  for (let round = 0; round < 3; round++) {
    await questionHeading(page).focus();
    await page.keyboard.press('Tab');
    await expect(firstOption).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Flag for review' })).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(firstOption).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('button', { name: 'Proctor' })).toBeFocused();
    await page.waitForTimeout(300);
  }

  // The candidate chooses C and flags the question.
  seen = {
    text: (await page.locator('#question-text').innerText()).trim(),
    options: await page.locator('.exam-option-text').allInnerTexts(),
    chosenLetter: 'C',
    chosenKey: '',
  };
  await page.keyboard.press('3');
  await expect(page.getByRole('status').filter({ hasText: 'Answer C saved.' })).toBeVisible();
  seen.chosenKey = (await page.getByRole('radio', { checked: true }).getAttribute('value'))!;
  await page.keyboard.press('r');

  // The current question's button shows the focus ring when focused by keyboard.
  const current = page.getByRole('navigation', { name: 'Questions' }).locator('[aria-current="step"]');
  await current.focus();
  await expect(current).toHaveCSS('outline-style', 'solid');
  await expect(current).toHaveCSS('outline-width', '3px');
  await expectNoSeriousA11yViolations(page, 'the exam');
  await shoot(page, 'exam-question');

  // A reload while "no face" is open: the resumed exam recovers the event, without an error.
  await expect.poll(() => openEvents(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.reload();
  await expect(questionHeading(page)).toHaveText(/^Question 1 of \d+\s*· flagged for review/);
  await expect(page.getByRole('radio', { checked: true })).toHaveAttribute('value', seen.chosenKey);
  await expect(page.getByText('Camera on')).toBeVisible();
  await page.keyboard.press('n');
  await expect(questionHeading(page)).toHaveText(/^Question 2 of/);

  // The submit dialog counts what the navigator counts, and names question numbers as such.
  const summary = await page
    .getByRole('navigation', { name: 'Questions' })
    .locator('.exam-navigator-summary')
    .innerText();
  expect(summary).toBe(`1 answered · ${total - 1} not answered · 1 flagged`);
  await page.getByRole('button', { name: 'Submit test…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Submit your test?' });
  await expect(dialog).toContainText('You flagged 1 question for review: question 1.');
  await expect(dialog).toContainText(`You have not answered ${total - 1} questions: questions 2,`);
  await expectNoSeriousA11yViolations(page, 'the submit dialog');
  await shoot(page, 'exam-submit-dialog');
  await dialog.getByRole('button', { name: 'Submit test' }).click();
  await expect(page.getByRole('heading', { name: 'Test submitted' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the submitted test');

  // The session and its events reach the server.
  await expect.poll(async () => (await api.sessionOfToken(exam.tokenId))?.is_completed).toBe(true);

  consoleGuard.expectNoErrors('the exam path');
  // Libraries' informational output is debug, not a warning or an error.
  expect(consoleGuard.matching(/RxDB Open Core RxStorage|XNNPACK/)).toEqual([]);
  await context.close();
});

test('the proctor sees the question in the candidate’s order, with their answer in both orders', async ({
  browser,
  api,
}) => {
  test.setTimeout(90_000);
  const session = (await api.sessionOfToken(exam.tokenId))!;
  // The station's events end when the test is submitted, then sync.
  await expect
    .poll(async () =>
      (await api.pull('proctoring_events', 'proctoring_event')).some((e) => e.test_session_id === session.session_id),
    )
    .toBe(true);

  const contexts: BrowserContext[] = [];
  try {
    const { page } = await openDevice(browser, contexts);
    const consoleGuard = watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, PROCTOR);
    await expect(page.getByRole('heading', { name: 'Review queue', level: 1 })).toBeFocused();
    const row = page
      .getByRole('table', { name: 'Sessions to review' })
      .getByRole('row')
      .filter({ hasText: exam.title });
    await expect(row).toHaveCount(1);
    await row.getByRole('link').click();
    const heading = page.getByRole('heading', { level: 1, name: /^Review: / });
    await expect(heading).toBeFocused();

    // An event on question 1: its options as the candidate saw them, and what they chose, in both orders.
    const timeline = page.getByRole('list', { name: 'Events in the order they happened' });
    const onQuestion = page.getByText(seen.text, { exact: true });
    for (let i = 0; !(await onQuestion.isVisible()); i++) {
      expect(i, 'an event on question 1').toBeLessThan(await timeline.getByRole('button').count());
      await timeline.getByRole('button').nth(i).click();
    }
    const options = page.getByRole('list', { name: 'Options as the candidate saw them' }).getByRole('listitem');
    await expect(options).toHaveCount(seen.options.length);
    for (const [i, text] of seen.options.entries()) {
      await expect(options.nth(i)).toContainText(`${String.fromCharCode(65 + i)}. ${text}`);
    }
    await expect(options.nth(2)).toContainText('Their answer');
    await expect(options.nth(2)).toContainText(`(${seen.chosenKey})`);
    await expect(
      page.getByText(`Their answer: C as they saw it, ${seen.chosenKey} in the question bank.`),
    ).toBeVisible();

    // Nothing in the event column runs past it at 1280 px.
    const column = page.locator('.review-event');
    const right = async (l: Locator) => {
      const box = (await l.boundingBox())!;
      return box.x + box.width;
    };
    const columnRight = await right(column);
    for (const part of await column.locator('dd, .badge, time').all()) {
      expect(await right(part)).toBeLessThanOrEqual(columnRight + 0.5);
    }
    await expectNoSeriousA11yViolations(page, 'the session review');
    await page.screenshot({ path: `${SHOTS ?? '/tmp'}/review-session.png`, fullPage: true });

    // Keyboard only: focus lands on the new screen's heading after each in-app navigation.
    await page.getByRole('link', { name: 'Back to the review queue' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Review queue', level: 1 })).toBeFocused();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Station PIN' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Station PIN' })).toBeFocused();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queue' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Review queue', level: 1 })).toBeFocused();
    await expectNoSeriousA11yViolations(page, 'the review queue');
    await row.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect(heading).toBeFocused();

    // The date filters write days as the app does.
    await page.getByRole('link', { name: 'Back to the review queue' }).click();
    await page.getByRole('button', { name: /^Started from/ }).click();
    const calendar = page.getByRole('dialog', { name: 'Started from: choose a day' });
    await expect(calendar).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(calendar).toBeHidden();
    await expect(page.getByRole('button', { name: /^Started from \d{1,2} [A-Z][a-z]{2} \d{4}$/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the filtered review queue');
    await page.screenshot({ path: `${SHOTS ?? '/tmp'}/review-queue.png` });
    consoleGuard.expectNoErrors('the proctor’s review');
  } finally {
    for (const context of contexts) await context.close();
  }
});
