import type { Page } from 'playwright-core';
import type { StationDevice } from './device';
import type { SessionRecord } from './records';
import { signInStation, type StationSignIn } from './setup';
import {
  homeHeading,
  navigatorStates,
  questionHeading,
  resumeButton,
  SCREEN_TIMEOUT,
  sessionIdOf,
  setupLink,
} from './screens';

/*
 * What a relaunched station shows, as a candidate would find it: the app
 * loads (no URL of the test: a station that lost power opens its home), the
 * home appears, and offers "Resume the test" if a test was interrupted.
 * Taking the offer opens the test, whose id is then read from the route.
 */

/** How long the offer may take to appear: it is read from the database after the home renders. */
const OFFER_EXPECTED_MS = 8_000;
const OFFER_UNEXPECTED_MS = 1_500;

export type Landing = { offered: false } | { offered: true; sessionId: string; banner: string };

export interface LandingHooks {
  step(text: string): void;
  pause(): Promise<void>;
  /** Throws if the browser was killed meanwhile (a missing element then means nothing). */
  checkAlive(): void;
  /** The station came back signed out (a finding in itself): it is signed in again so the soak goes on. */
  signedOut(): void;
}

export async function land(
  device: StationDevice,
  webUrl: string,
  signIn: StationSignIn,
  expectingOffer: boolean,
  hooks: LandingHooks,
): Promise<Landing> {
  const page = device.page;
  hooks.step('land: loading the page');
  await device.load(webUrl);
  hooks.step('land: waiting for the home');
  await homeHeading(page).or(setupLink(page)).first().waitFor({ timeout: SCREEN_TIMEOUT });
  hooks.checkAlive();
  if (!(await homeHeading(page).isVisible())) {
    hooks.signedOut();
    await setupLink(page).click();
    await signInStation(page, signIn);
  }
  const offered = await resumeButton(page)
    .waitFor({ timeout: expectingOffer ? OFFER_EXPECTED_MS : OFFER_UNEXPECTED_MS })
    .then(() => true)
    .catch(() => false);
  hooks.checkAlive();
  if (!offered) return { offered: false };

  const banner = await page.locator('.exam-resume-banner').innerText();
  await hooks.pause();
  hooks.step('land: resuming');
  await resumeButton(page).click();
  await questionHeading(page).waitFor({ timeout: SCREEN_TIMEOUT });
  return { offered: true, sessionId: sessionIdOf(page), banner };
}

/** Positions of questions whose answer the page had confirmed but which the resumed test shows unanswered. */
export async function answersMissingAfterResume(page: Page, record: SessionRecord): Promise<number[]> {
  const states = await navigatorStates(page);
  const missing: number[] = [];
  for (const [position, questionId] of record.positions) {
    const confirmed = (record.attempts.get(questionId) ?? []).some((a) => a.confirmed);
    if (confirmed && !states[position - 1]) missing.push(position);
  }
  return missing;
}
