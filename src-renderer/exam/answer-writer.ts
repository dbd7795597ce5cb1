import type { Doc } from '@shared/domain/registry';
import { expectedId } from '@shared/storage/stored-doc';
import { examDeadlineMs } from '@shared/exam/deadline';
import { ANSWER_GRACE_MS } from '@shared/domain/answer-window';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { ExamError } from './exam-errors';

/*
 * The only path by which an exam writes answers. Writes run one at a time,
 * in the order asked, so that a choice and the time spent on it never race
 * (the answer id is derived from session and question, so two racing
 * creates would collide). Each promise resolves once RxDB has stored the
 * answer: the UI confirms a choice only then. Before every write the
 * session is read again: once submitted (here or by a proctor's device),
 * nothing more is written.
 */

export interface AnswerWriter {
  /** Stores the chosen option's ORIGINAL key and the time spent so far on the question. */
  choose(questionId: string, key: string, addSeconds: number): Promise<Doc<'answer'>>;
  /** Adds time spent on a question without changing its answer. */
  addTime(questionId: string, addSeconds: number): Promise<void>;
  /** Resolves once every write asked so far is stored. */
  settled(): Promise<void>;
  /** Refuses every later write: called as submission starts, so no answer is stamped after `completed_at`. */
  close(): void;
}

export function answerIdOf(sessionId: string, questionId: string): string {
  return expectedId('answer', { session_id: sessionId, question_id: questionId })!;
}

export function createAnswerWriter(
  db: AppDatabase,
  sessionId: string,
  durationMinutes: number,
  now: () => Date = () => new Date(),
): AnswerWriter {
  const answers = repo(db, 'answer', now);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  function enqueue<T>(step: () => Promise<T>): Promise<T> {
    if (closed)
      return Promise.reject(new ExamError('submitted', 'This test is being submitted; answers can no longer change.'));
    const next = queue.then(step);
    queue = next.catch(() => undefined);
    return next;
  }

  async function assertOpen(allowGrace: boolean) {
    const session = await repo(db, 'test_session').get(sessionId);
    if (!session) throw new ExamError('not_found', 'This exam session is not on this station.');
    if (session.is_completed)
      throw new ExamError('submitted', 'This test has been submitted; answers can no longer change.');
    const deadline = examDeadlineMs(session, durationMinutes) + (allowGrace ? ANSWER_GRACE_MS : 0);
    if (now().getTime() > deadline) throw new ExamError('time_up', 'Time is up; answers can no longer change.');
  }

  async function write(questionId: string, patch: { selected_answer?: string }, addSeconds: number) {
    const id = answerIdOf(sessionId, questionId);
    const current = await answers.get(id);
    const seconds = Math.max(0, Math.round(addSeconds));
    if (current) {
      return answers.update(id, { ...patch, time_taken_seconds: current.time_taken_seconds + seconds });
    }
    return answers.create({ session_id: sessionId, question_id: questionId, ...patch, time_taken_seconds: seconds });
  }

  return {
    choose: (questionId, key, addSeconds) =>
      enqueue(async () => {
        await assertOpen(false);
        return write(questionId, { selected_answer: key }, addSeconds);
      }),
    addTime: (questionId, addSeconds) =>
      enqueue(async () => {
        if (Math.round(addSeconds) <= 0) return;
        // Time spent up to the deadline is still recorded while the submission is being written.
        await assertOpen(true);
        await write(questionId, {}, addSeconds);
      }),
    settled: () => queue.then(() => undefined),
    close() {
      closed = true;
    },
  };
}
