import type { Page } from 'playwright-core';
import type { Rng } from '../rng';
import type { Attempt, SessionRecord, StationStats } from './records';
import { currentQuestion, goToQuestion, homeHeading, navigatorStates, SAVE_TIMEOUT, SCREEN_TIMEOUT } from './screens';

/*
 * The candidate at work, one step at a time so that a kill can land between
 * any two: answer the first unanswered question, sometimes go back and
 * change an answered one, and once all are answered submit. Answers are
 * chosen by keyboard (1–4), as in test/e2e/support/exam-page.ts
 * `answerByKeyboard`, but the attempt is written down before the key is
 * pressed and marked confirmed only when the status line says it was saved:
 * that is exactly what the soak later holds the server to.
 */

export interface ExamStepContext {
  rng: Rng;
  /** Probability, per step, of going back to change an answered question. */
  changeRate: number;
  /** No detours once the soak is winding down: finish and submit. */
  draining: boolean;
  stats: StationStats;
  pause(): Promise<void>;
  step(text: string): void;
}

/** One step of `record`'s test; resolves to 'submitted' once "Test submitted" was shown. */
export async function examStep(
  page: Page,
  record: SessionRecord,
  ctx: ExamStepContext,
): Promise<'answered' | 'submitted'> {
  const { number } = await currentQuestion(page);
  const states = await navigatorStates(page);
  const answered = states.flatMap((a, i) => (a ? [i + 1] : []));
  let target = states.findIndex((a) => !a) + 1;
  if (!ctx.draining && answered.length > 0 && ctx.rng.chance(ctx.changeRate)) target = ctx.rng.pick(answered);
  if (target === 0) {
    await submit(page, record, ctx);
    return 'submitted';
  }
  ctx.step(`exam: question ${number} to ${target}`);
  await goToQuestion(page, number, target);
  await answer(page, record, target, ctx);
  return 'answered';
}

async function answer(page: Page, record: SessionRecord, position: number, ctx: ExamStepContext) {
  const radios = page.getByRole('radiogroup').getByRole('radio');
  // The radio group's name carries the question id, and each option's value its original key.
  const questionId = (await radios.first().getAttribute('name'))!.replace(/^answer-/, '');
  record.positions.set(position, questionId);
  const options = await radios.evaluateAll((inputs) =>
    inputs.map((i) => ({ value: (i as HTMLInputElement).value, checked: (i as HTMLInputElement).checked })),
  );
  if (options.length < 2) throw new Error('a question with fewer than two options');
  const choice = ctx.rng.pick(options.map((o, index) => ({ ...o, index })).filter((o) => !o.checked));
  const letter = String.fromCharCode(65 + choice.index);
  const attempt: Attempt = { key: choice.value, confirmed: false };
  record.attempts.set(questionId, [...(record.attempts.get(questionId) ?? []), attempt]);
  ctx.stats.answersAttempted++;
  await ctx.pause();
  ctx.step(`exam: answer ${letter} to question ${position}`);
  await page.keyboard.press(String(choice.index + 1));
  const status = page.locator('#answer-status');
  const saved = status.filter({ hasText: `Answer ${letter} saved.` });
  const failed = status.filter({ hasText: 'could not be saved' });
  await saved.or(failed).first().waitFor({ timeout: SAVE_TIMEOUT });
  if (await failed.isVisible()) throw new Error(`answer ${letter} to question ${position} could not be saved`);
  attempt.confirmed = true;
  ctx.stats.answersConfirmed++;
}

async function submit(page: Page, record: SessionRecord, ctx: ExamStepContext) {
  await ctx.pause();
  ctx.step(`exam: submit ${record.sessionId}`);
  await page.getByRole('button', { name: 'Submit test…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Submit your test?' });
  await dialog.waitFor({ timeout: SCREEN_TIMEOUT });
  await ctx.pause();
  // From this click on, a kill may leave the test submitted (nothing to resume) or not (resume it).
  record.submit = 'attempted';
  await dialog.getByRole('button', { name: 'Submit test' }).click();
  await page.getByRole('heading', { name: 'Test submitted' }).waitFor({ timeout: SCREEN_TIMEOUT });
  record.submit = 'shown';
  record.submittedAt = new Date().toISOString();
}

/** "Done" on the submitted screen hands the station to the next candidate. */
export async function handOver(page: Page, ctx: Pick<ExamStepContext, 'pause' | 'step'>): Promise<void> {
  await ctx.pause();
  ctx.step('exam: done');
  await page.getByRole('button', { name: /^Done/ }).click();
  await homeHeading(page).waitFor({ timeout: SCREEN_TIMEOUT });
}
