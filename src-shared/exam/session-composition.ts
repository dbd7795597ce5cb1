import type { Doc } from '../domain/registry';
import { questionOrder } from './shuffle';

/*
 * What a test session asks, derived from its assessment: the content it draws
 * from (the assessment's question set, else its job description) and every
 * live question of that content, in the session's own order (shuffle.ts,
 * seeded from the session id). A device computes it to run the exam offline;
 * the sync server computes it again when the session first arrives and keeps
 * its own answer (test_session `serverDerived`), so that a device can never
 * choose which questions a session scores: a session of one chosen question
 * would turn the score into an answer-key oracle.
 */

export type SessionContent = Pick<Doc<'test_session'>, 'question_set_id' | 'jd_id'>;

export interface SessionComposition extends SessionContent {
  question_ids: string[];
  total_questions: number;
}

/** The content an assessment's sessions draw from. */
export function sessionContent(assessment: Pick<Doc<'assessment'>, 'question_set_id' | 'jd_id'>): SessionContent {
  if (assessment.question_set_id) return { question_set_id: assessment.question_set_id };
  if (assessment.jd_id) return { jd_id: assessment.jd_id };
  return {};
}

/** The composition of session `sessionId` of an assessment whose content holds `contentQuestionIds`. */
export function composeSession(
  sessionId: string,
  assessment: Pick<Doc<'assessment'>, 'question_set_id' | 'jd_id'>,
  contentQuestionIds: readonly string[],
): SessionComposition {
  const question_ids = questionOrder(sessionId, contentQuestionIds);
  return { ...sessionContent(assessment), question_ids, total_questions: question_ids.length };
}
