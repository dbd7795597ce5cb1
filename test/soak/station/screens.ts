import type { Page } from 'playwright-core';
import { currentQuestion, questionHeading } from '../../e2e/support/exam-page';

/*
 * How the station's screens are found, by their roles and names as the
 * end-to-end tests find them (the question heading and position come from
 * test/e2e/support/exam-page.ts). Timeouts are long: two Chromiums, the
 * server and PostgreSQL share two cores, and a relaunch after a kill loads
 * the app cold.
 */

export const SCREEN_TIMEOUT = 45_000;
export const SAVE_TIMEOUT = 30_000;

export { currentQuestion, questionHeading };

export const homeHeading = (page: Page) => page.getByRole('heading', { name: 'Start your assessment' });
export const setupLink = (page: Page) => page.getByRole('link', { name: 'Set up this exam station' });
export const resumeButton = (page: Page) => page.getByRole('button', { name: 'Resume the test' });

/** Answered or not, per position, from the question navigator's labels. */
export async function navigatorStates(page: Page): Promise<boolean[]> {
  const labels = await page
    .getByRole('navigation', { name: 'Questions' })
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  return labels.filter((l) => /^Question \d+,/.test(l)).map((l) => !/not answered/.test(l));
}

/** To question `to`: by the exam's keys n and p for a neighbour, else through the navigator. */
export async function goToQuestion(page: Page, from: number, to: number): Promise<void> {
  if (to === from) return;
  if (to === from + 1) await page.keyboard.press('n');
  else if (to === from - 1) await page.keyboard.press('p');
  else
    await page
      .getByRole('navigation', { name: 'Questions' })
      .getByRole('button', { name: new RegExp(`^Question ${to},`) })
      .click();
  await page
    .getByRole('heading', { level: 2, name: new RegExp(`^Question ${to} of`) })
    .waitFor({ timeout: SCREEN_TIMEOUT });
}

/** The session on screen, from the exam's route. */
export function sessionIdOf(page: Page): string {
  const match = /#\/exam\/session\/([^/?#]+)/.exec(page.url());
  if (!match) throw new Error(`not on an exam session: ${page.url()}`);
  return decodeURIComponent(match[1]!);
}
