import type { Doc } from '../../src-shared/domain/registry';
import { quoteIdent } from '../db/ddl';
import { readRows, rowToStored, selectFrom, writeRow } from '../db/rows';
import type { Queryable } from '../db/sql';
import { tableNames } from '../db/table-spec';

/*
 * Server-side scoring. Exam stations never hold the answer key (it is
 * stripped from their pulls), so the server marks answers and scores a test
 * session once the station reports it completed, and again whenever an
 * answer of a completed session changes (a late sync). The results are
 * server-owned fields, written in the same transaction as the push, and
 * reach every client through the live stream like any other change.
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

/** Marks the answers of the completed sessions among `sessionIds` and scores them. */
export async function scoreSessions(tx: Queryable, sessionIds: Iterable<string>): Promise<void> {
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
    let correct = 0;
    for (const answer of answers) {
      const expected = key.get(answer.question_id);
      // A question without a key cannot be marked; it counts as not correct.
      const isCorrect =
        answer.selected_answer !== undefined && expected !== undefined && answer.selected_answer === expected;
      if (isCorrect) correct++;
      if (answer.is_correct !== isCorrect) await writeRow(tx, 'answer', { ...answer, is_correct: isCorrect });
    }
    const total = Math.max(session.total_questions, answers.length);
    const scored: Session = {
      ...session,
      correct_answers: correct,
      score_percentage: scorePercentage(correct, total),
      is_scored: true,
    };
    if (
      session.correct_answers !== scored.correct_answers ||
      session.score_percentage !== scored.score_percentage ||
      !session.is_scored
    ) {
      await writeRow(tx, 'test_session', scored);
    }
  }
}
