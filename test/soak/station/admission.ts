import type { Page } from 'playwright-core';
import type { SoakInvitation } from '../seed';
import { homeHeading, questionHeading, SCREEN_TIMEOUT, sessionIdOf } from './screens';

/*
 * A candidate's way in at the station's home: the invitation code (checked
 * offline against the bundle), the confirmation of name and email, the
 * instructions, "Start the test". The steps are those of
 * test/e2e/support/exam-station.ts `enterInvitation`, which cannot be used
 * as it is: a refused code is an outcome here, not a test failure, and the
 * soak must know the instant "Start the test" is clicked (a kill after it
 * may have stored a session the home must then offer).
 */

export type Admission = { refused: string } | { sessionId: string };

export interface AdmissionHooks {
  /** Think time between actions. */
  pause(): Promise<void>;
  /** What the driver is doing, for error reports. */
  step(text: string): void;
  /** Called just before "Start the test" is clicked. */
  starting(): void;
}

export async function admit(
  page: Page,
  invitation: SoakInvitation,
  assessmentTitle: string,
  hooks: AdmissionHooks,
): Promise<Admission> {
  hooks.step(`admit ${invitation.code}: home`);
  await homeHeading(page).waitFor({ timeout: SCREEN_TIMEOUT });
  await page.getByLabel('Invitation code').fill(invitation.code);
  await hooks.pause();
  await page.getByRole('button', { name: 'Continue' }).click();
  const confirm = page.getByRole('heading', { name: 'Confirm your details' });
  const refusal = page.getByRole('alert').filter({ hasText: /\S/ });
  hooks.step(`admit ${invitation.code}: code check`);
  await confirm.or(refusal).first().waitFor({ timeout: SCREEN_TIMEOUT });
  if (!(await confirm.isVisible())) {
    const text = await refusal.first().innerText();
    await page.getByLabel('Invitation code').fill('');
    return { refused: text };
  }
  // The station prefills the invitation's name; a candidate types it only where it is missing.
  const name = page.getByLabel('Full name');
  if (!(await name.inputValue())) await name.fill(invitation.name);
  await hooks.pause();
  hooks.step(`admit ${invitation.code}: confirm`);
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  await page.getByRole('heading', { level: 1, name: assessmentTitle }).waitFor({ timeout: SCREEN_TIMEOUT });
  await hooks.pause();
  hooks.starting();
  hooks.step(`admit ${invitation.code}: start`);
  await page.getByRole('button', { name: 'Start the test' }).click();
  await questionHeading(page).waitFor({ timeout: SCREEN_TIMEOUT });
  return { sessionId: sessionIdOf(page) };
}
