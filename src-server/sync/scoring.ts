import { answerRefusal } from '../../src-shared/domain/answer-window';
import type { Doc } from '../../src-shared/domain/registry';
import { scoreReleasedAt, type ScoreReleasePolicy } from '../../src-shared/domain/score-release';
import { quoteIdent } from '../db/ddl';
import { readRows, rowToStored, selectFrom, writeRow } from '../db/rows';
import { recordQuiz } from '../auth/accounts';
import type { Queryable } from '../db/sql';
import { tableNames } from '../db/table-spec';

/*
 * Server-side scoring. Exam stations never hold the answer key (it is
 * stripped from their pulls), so the server marks answers and scores a test
 * session once the station reports it completed, and again whenever an
 * answer of a completed session changes (a late sync). The results are
 * server-owned fields, written in the same transaction as the push, and
 * reach every client through the live stream like any other change.
 *
 * The score counts each question of the session once, whatever the answers
 * say: questions without an answer count as wrong, answers to questions the
 * session does not list, or written after submission or the time limit
 * (domain/answer-window.ts), count for nothing. The list is the server's own
 * composition of the session (write/session-composition.ts), so a device
 * cannot choose what a score measures. Candidates receive the score once
 * released (domain/score-release.ts), and at most once per invitation:
 * a released score that changes (answers stamped before submission can
 * still arrive) is withdrawn and the session flagged for review, since a
 * device that could change one answer and read a new score would learn
 * whether that answer was right.
 */

type Session = Doc<'test_session'>;
type Answer = Doc<'answer'>;

/** Percentage with the two decimals the entity allows. */
export function scorePercentage(correct: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((correct / total) * 10_000) / 100;
}

async function answersOf(tx: Queryable, sessionId: string): Promise<Answer[]> {
  const rows = await tx.query(`${selectFrom('answer')} WHERE r.session_id = $1 AND NOT r._deleted`, [sessionId]);
  return rows.map((row) => rowToStored('answer', row).doc as Answer);
}

async function answerKey(tx: Queryable, questionIds: string[]): Promise<Map<string, string | undefined>> {
  const rows = await tx.query<{ id: string; correct_answer: string | null }>(
    `SELECT id, correct_answer FROM ${quoteIdent(tableNames.question)} WHERE id = ANY($1::text[])`,
    [questionIds],
  );
  return new Map(rows.map((r) => [r.id, r.correct_answer ?? undefined]));
}

/** The assessment's time limit in minutes, if the session belongs to an assessment. */
export async function durationOf(tx: Queryable, assessmentId: string | undefined): Promise<number | undefined> {
  if (assessmentId === undefined) return undefined;
  const rows = await tx.query<{ duration_minutes: number }>(
    `SELECT duration_minutes FROM ${quoteIdent(tableNames.assessment)} WHERE assessment_id = $1 AND NOT _deleted`,
    [assessmentId],
  );
  return rows[0] ? Number(rows[0].duration_minutes) : undefined;
}

export interface ScoringClock {
  release: ScoreReleasePolicy;
  nowMs: number;
}

/** Starts the reason scoring writes when it withdraws a released score (never the scores themselves). */
export const WITHDRAWN_REVIEW_REASON =
  'Answers changed after the score was released: the score is withheld from the candidate until reviewed.';

/** Whether another session of the same invitation already has a released score. */
async function invitationReleased(tx: Queryable, session: Session): Promise<boolean> {
  if (!session.assessment_token_id) return false;
  const rows = await tx.query(
    `SELECT 1 FROM ${quoteIdent(tableNames.test_session)}
      WHERE assessment_token_id = $1 AND session_id <> $2 AND score_released_at IS NOT NULL AND NOT _deleted LIMIT 1`,
    [session.assessment_token_id, session.session_id],
  );
  return rows.length > 0;
}

function withdrawn(session: Session, nowMs: number): Session {
  const { score_released_at: _released, ...rest } = session;
  const reason = session.review_reason?.includes(WITHDRAWN_REVIEW_REASON)
    ? session.review_reason
    : [session.review_reason, WITHDRAWN_REVIEW_REASON].filter(Boolean).join('\n').slice(0, 2000);
  return { ...rest, needs_review: true, review_reason: reason, updated_at: new Date(nowMs).toISOString() };
}

/** Marks the answers of the completed sessions among `sessionIds` and scores them. */
export async function scoreSessions(tx: Queryable, sessionIds: Iterable<string>, clock: ScoringClock): Promise<void> {
  const ids = [...new Set(sessionIds)];
  const sessions = await readRows(tx, 'test_session', ids, true);
  for (const stored of sessions.values()) {
    const session = stored.doc as Session;
    if (stored.deleted || !session.is_completed) continue;
    const answers = await answersOf(tx, session.session_id);
    const key = await answerKey(
      tx,
      answers.map((a) => a.question_id),
    );
    const duration = await durationOf(tx, session.assessment_id);
    const listed = new Set(session.question_ids);
    const counted = new Set<string>();
    let correct = 0;
    for (const answer of answers) {
      const expected = key.get(answer.question_id);
      // Only listed questions count: a session listing none scores nothing (it once scored every answer).
      const counts =
        listed.has(answer.question_id) &&
        !counted.has(answer.question_id) &&
        answerRefusal(answer, session, duration) === undefined;
      if (counts) counted.add(answer.question_id);
      // A question without a key cannot be marked; it counts as not correct.
      const isCorrect =
        counts && answer.selected_answer !== undefined && expected !== undefined && answer.selected_answer === expected;
      if (isCorrect) correct++;
      if (answer.is_correct !== isCorrect) await writeRow(tx, 'answer', { ...answer, is_correct: isCorrect });
    }
    const total = Math.max(session.total_questions, listed.size);
    let scored: Session = {
      ...session,
      correct_answers: correct,
      score_percentage: scorePercentage(correct, total),
      is_scored: true,
    };
    const changedAfterRelease =
      session.score_released_at !== undefined &&
      (session.correct_answers !== scored.correct_answers || session.score_percentage !== scored.score_percentage);
    if (changedAfterRelease) scored = withdrawn(scored, clock.nowMs);
    else {
      const releasedAt = scoreReleasedAt(clock.release, session, clock.nowMs, await invitationReleased(tx, session));
      if (releasedAt !== undefined) scored.score_released_at = releasedAt;
    }
    if (
      session.correct_answers !== scored.correct_answers ||
      session.score_percentage !== scored.score_percentage ||
      session.score_released_at !== scored.score_released_at ||
      !session.is_scored
    ) {
      await writeRow(tx, 'test_session', scored);
    }
    // The first time a session is scored is the moment its quiz counts.
    if (!session.is_scored && session.user_id && session.completed_at) {
      await recordQuiz(tx, session.user_id, session.completed_at);
    }
  }
}
