// @vitest-environment jsdom
import '../../test-support/jsdom-polyfills';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { answerIdOf } from '../../exam/answer-writer';
import { startExam } from '../../exam/start-exam';
import { seedExam } from '../../exam/test-fixture';
import { useExam } from '../../exam/use-exam';
import { openTestDatabase, renderWithDatabase } from '../../test-support/database';
import { ExamRunner } from './ExamRunner';

let db: AppDatabase | undefined;
beforeEach(() => localStorage.clear());
afterEach(async () => {
  cleanup();
  await db?.close();
});

function Harness({ sessionId }: { sessionId: string }) {
  const exam = useExam(sessionId);
  if (exam.status !== 'ready') return <p>{exam.status}</p>;
  if (exam.session.is_completed) return <p>Submitted at {exam.session.completed_at}</p>;
  return <ExamRunner session={exam.session} content={exam.content} answers={exam.answers} />;
}

it('answers by keyboard, confirms only once stored, flags, navigates and submits after confirmation', async () => {
  db = await openTestDatabase();
  const exam = await seedExam(db, { questions: 3 });
  const session = await startExam(db, exam.invitation);
  renderWithDatabase(<Harness sessionId={session.session_id} />, db);

  const heading = await screen.findByRole('heading', { name: 'Question 1 of 3' });
  await waitFor(() => expect(document.activeElement).toBe(heading));
  const group = screen.getByRole('radiogroup');
  const options = within(group).getAllByRole('radio');
  expect(options).toHaveLength(4);
  expect(screen.getByRole('timer')).toHaveProperty('textContent', '10:00');

  // "2" picks the second option AS DISPLAYED; the answer stores that option's original key.
  fireEvent.keyDown(document.body, { key: '2' });
  await screen.findByText('Answer B saved.');
  const firstId = session.question_ids[0]!;
  const stored = await repo(db, 'answer').get(answerIdOf(session.session_id, firstId));
  expect(stored?.selected_answer).toBe((options[1] as HTMLInputElement).value);
  expect((options[1] as HTMLInputElement).checked).toBe(true);

  fireEvent.keyDown(document.body, { key: 'r' });
  const navigator = screen.getByRole('navigation', { name: 'Questions' });
  expect(within(navigator).getByRole('button', { name: 'Question 1, answered, flagged for review' })).toBeDefined();

  fireEvent.keyDown(document.body, { key: 'n' });
  const second = await screen.findByRole('heading', { name: 'Question 2 of 3' });
  await waitFor(() => expect(document.activeElement).toBe(second));
  expect(screen.getByText('Not answered yet.')).toBeDefined();
  // Typing into a text field is never a shortcut.
  const input = document.createElement('input');
  document.body.append(input);
  fireEvent.keyDown(input, { key: 'a' });
  expect(screen.getByText('Not answered yet.')).toBeDefined();
  input.remove();

  within(navigator).getByRole('button', { name: 'Question 3, not answered' }).click();
  await screen.findByRole('heading', { name: 'Question 3 of 3' });

  screen.getByRole('button', { name: 'Submit test…' }).click();
  const dialog = await screen.findByRole('alertdialog', { name: 'Submit your test?' });
  expect(dialog.textContent).toContain('You have not answered 2 questions: questions 2 and 3.');
  expect(dialog.textContent).toContain('You flagged 1 question for review: question 1.');
  // The navigator counts the same.
  expect(within(navigator).getByText('1 answered · 2 not answered · 1 flagged')).toBeDefined();
  within(dialog).getByRole('button', { name: 'Submit test' }).click();
  await screen.findByText(/^Submitted at/);
  const completed = await repo(db, 'test_session').get(session.session_id);
  expect(completed?.is_completed).toBe(true);
});

it('comes back to the same question and flags after a reload', async () => {
  db = await openTestDatabase();
  const exam = await seedExam(db, { questions: 3 });
  const session = await startExam(db, exam.invitation);
  const view = renderWithDatabase(<Harness sessionId={session.session_id} />, db);
  // Focus moves to the heading in the same effect pass that installs the shortcuts:
  // waiting for it means a key is not pressed before the screen listens (seen in CI under load).
  const first = await screen.findByRole('heading', { name: 'Question 1 of 3' });
  await waitFor(() => expect(document.activeElement).toBe(first));
  fireEvent.keyDown(document.body, { key: 'n' });
  const second = await screen.findByRole('heading', { name: 'Question 2 of 3' });
  await waitFor(() => expect(document.activeElement).toBe(second));
  fireEvent.keyDown(document.body, { key: 'r' });
  await screen.findByRole('heading', { name: /flagged for review$/ });
  view.unmount();

  renderWithDatabase(<Harness sessionId={session.session_id} />, db);
  expect(await screen.findByRole('heading', { name: /^Question 2 of 3\s*· flagged for review$/ })).toBeDefined();
});

it('extra time a proctor grants shows on the clock at once', async () => {
  db = await openTestDatabase();
  const exam = await seedExam(db, { questions: 2, durationMinutes: 10 });
  const session = await startExam(db, exam.invitation);
  renderWithDatabase(<Harness sessionId={session.session_id} />, db);
  await screen.findByRole('heading', { name: 'Question 1 of 2' });
  const minutes = () => Number(screen.getByRole('timer').textContent!.split(':')[0]);
  expect(minutes()).toBeLessThanOrEqual(10);

  await repo(db, 'test_session').update(session.session_id, { extra_time_seconds: 15 * 60 });
  await waitFor(() => expect(minutes()).toBeGreaterThanOrEqual(24));
});
