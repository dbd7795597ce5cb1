import { spawn, type ChildProcess } from 'node:child_process';
import { expect, chromium, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../chromium';
import { CANDIDATE, type TestExam } from './exam-server';

/*
 * Driving the exam as a candidate would. Until the station entry exists
 * everywhere, a test reaches `/exam/start` as the demo candidate signed in
 * on the device, which pulls exactly what a station needs for that
 * invitation (the assessment, its questions without answers, the token's
 * hash, the application).
 */

const PASSWORD = process.env.E2E_SEED_PASSWORD ?? '';

export async function signInAsCandidate(page: Page) {
  await page.getByLabel('Email').fill(CANDIDATE);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('contentinfo', { name: 'Sync status' })).toBeVisible();
}

/** Client-side navigation: the session lives in memory, so a page load would sign the candidate out. */
export async function openExamStart(page: Page, exam: TestExam, { afterSync = true } = {}) {
  // The first pull must have brought the invitation before the start screen reads it.
  if (afterSync) await expect(page.getByRole('contentinfo', { name: 'Sync status' })).toContainText('Online · synced');
  await page.evaluate(
    ({ application, token }) => {
      window.location.hash = `#/exam/start?application=${application}&token=${token}`;
    },
    { application: exam.applicationId, token: exam.tokenId },
  );
  await expect(page.getByRole('heading', { level: 1, name: exam.title })).toBeVisible();
}

export async function startTest(page: Page, button = 'Start the test') {
  await page.getByRole('button', { name: button }).click();
  await expect(questionHeading(page)).toBeFocused();
}

export function questionHeading(page: Page) {
  return page.getByRole('heading', { level: 2, name: /^Question \d+ of \d+/ });
}

/** The current question's number (1-based) and the total. */
export async function currentQuestion(page: Page): Promise<{ number: number; total: number }> {
  const text = await questionHeading(page).innerText();
  const [, n, total] = /^Question (\d+) of (\d+)/.exec(text)!;
  return { number: Number(n), total: Number(total) };
}

/** Chooses the option at `index` (as displayed) with the keyboard and waits for the saved confirmation. */
export async function answerByKeyboard(page: Page, index: number): Promise<string> {
  await page.keyboard.press(String(index + 1));
  const letter = String.fromCharCode(65 + index);
  await expect(page.getByRole('status').filter({ hasText: `Answer ${letter} saved.` })).toBeVisible();
  return (await page.getByRole('radiogroup').getByRole('radio').nth(index).getAttribute('value'))!;
}

export async function goToQuestion(page: Page, number: number) {
  await page
    .getByRole('navigation', { name: 'Questions' })
    .getByRole('button', { name: new RegExp(`^Question ${number},`) })
    .click();
  await expect(questionHeading(page)).toHaveText(new RegExp(`^Question ${number} of`));
}

/** Seconds shown on the exam clock. */
export async function clockSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole('timer').innerText()).trim();
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

export async function submitFromDialog(page: Page) {
  await page.getByRole('button', { name: 'Submit test…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Submit your test?' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** axe on the whole page, nothing excluded: no serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 300)).join(', ')}`),
    `axe on ${label}`,
  ).toEqual([]);
}

/**
 * A Chromium of our own on a profile directory, reached over CDP, so a test
 * can kill its process outright (SIGKILL: no unload, no flush) and start a
 * new one on the same profile.
 */
export interface OwnChromium {
  browser: Browser;
  kill(): Promise<void>;
}

export async function launchOwnChromium(userDataDir: string, extraArgs: string[] = []): Promise<OwnChromium> {
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      ...extraArgs,
      '--headless=new',
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    // Its own process group, so the kill takes the renderer and helper processes too.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${buffered}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${buffered}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return {
    browser,
    async kill() {
      // Playwright lets go first (the page keeps running), so nothing of its own is cut mid-call.
      await browser.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
  };
}
