import { examDeadlineMs } from '../exam/deadline';
import type { Doc } from './registry';

/*
 * When an answer counts: it must be written before its session was
 * submitted and before the session's time ran out: the exam clock's own
 * deadline (src-shared/exam/deadline.ts: started_at plus the assessment's
 * `duration_minutes` plus the extra time a proctor granted).
 * The sync server refuses other answer writes (src-shared/sync/conflict-rules.ts)
 * and scoring ignores any that got in before a rule applied.
 *
 * Write time is the answer's own `updated_at`, stamped by the exam station
 * when the candidate chose, not the time the server receives it: stations
 * work offline and may sync hours after the exam, so arrival time says
 * nothing about when the candidate answered. The limits it is compared with
 * come from the same clock, since the station also stamps the session's
 * `started_at` and `completed_at`. Station time against station time makes
 * a wrong clock harmless as long as it does not drift by much during one
 * exam. ANSWER_GRACE_MS covers what does not cancel out: the instant between
 * the exam timer running out and the last click being stamped, and a session
 * resumed on a second station whose clock is slightly off. There is no grace
 * after submission: the station stamps both, in order.
 *
 * Not covered: a station whose clock is set back on purpose. Stations are
 * trusted for their timestamps (they run the exam timer too); tampering with
 * a station is what proctoring watches for.
 */

export const ANSWER_GRACE_MS = 60_000;

export type AnswerRefusal = 'after_submission' | 'after_deadline';

type SessionTimes = Pick<Doc<'test_session'>, 'started_at' | 'is_completed' | 'completed_at' | 'extra_time_seconds'>;

/** The end of the answer window in ms since the epoch (grace excluded), or undefined for an untimed session. */
export function answerDeadlineMs(
  session: Pick<SessionTimes, 'started_at' | 'extra_time_seconds'>,
  durationMinutes: number | undefined,
): number | undefined {
  return durationMinutes === undefined ? undefined : examDeadlineMs(session, durationMinutes);
}

/** Why an answer written at `answer.updated_at` does not count for `session`, or undefined if it does. */
export function answerRefusal(
  answer: Pick<Doc<'answer'>, 'updated_at'>,
  session: SessionTimes,
  durationMinutes: number | undefined,
): AnswerRefusal | undefined {
  const written = Date.parse(answer.updated_at);
  if (session.is_completed && session.completed_at !== undefined && written > Date.parse(session.completed_at)) {
    return 'after_submission';
  }
  const deadline = answerDeadlineMs(session, durationMinutes);
  if (deadline !== undefined && written > deadline + ANSWER_GRACE_MS) return 'after_deadline';
  return undefined;
}
