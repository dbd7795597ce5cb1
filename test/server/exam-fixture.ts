import { composeSession } from '../../src-shared/exam/session-composition';
import type { WireDoc } from '../../src-shared/sync/wire';
import { create, type TestServer, type TestUser } from './harness';
import { assessment, assessmentToken, newId, question, questionSet, testSession } from './fixtures';

/*
 * An assessment ready to be taken, for tests that push test sessions: a
 * question set with questions (correct answer 'A' unless told), the
 * assessment, and an invitation per taker. A session must name an
 * invitation of its candidate, and the server composes its question list
 * (src-server/sync/write/session-composition.ts); `session` builds the same
 * composition, as a device would.
 */

export interface Exam {
  set: WireDoc;
  questions: WireDoc[];
  assessment: WireDoc;
  /** The invitation of each taker, by email. */
  tokens: Map<string, WireDoc>;
  /** A new session of `taker` on this exam, as a device would push it (on the taker's invitation). */
  session(taker: { id?: string; email: string }, over?: Record<string, unknown>): WireDoc;
  /** A new session on a new invitation of its own: one invitation, one releasable score. */
  freshSession(taker: { id?: string; email: string }, over?: Record<string, unknown>): Promise<WireDoc>;
}

export interface ExamOptions {
  questions?: number;
  /** The correct answer of each question, by position (default 'A'; null: the question has no key). */
  correct?: (string | null)[];
  assessment?: Record<string, unknown>;
  /** Sessions name the taker's account (candidates on their own device); stations leave it out. */
  withUserId?: boolean;
}

export async function setUpExam(
  server: TestServer,
  staff: TestUser,
  takers: readonly { email: string }[],
  options: ExamOptions = {},
): Promise<Exam> {
  const set = questionSet({ total_questions: options.questions ?? 2 });
  const questions = Array.from({ length: options.questions ?? 2 }, (_, i) => {
    const q = question(set.pk, {
      correct_answer: options.correct?.[i] ?? 'A',
      question_text: `Question ${i + 1}?`,
      options: ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `Option ${key}` })),
    });
    if (options.correct?.[i] === null) delete q.correct_answer;
    return q;
  });
  await create(server, staff, 'question_bank', [set, ...questions]);
  const exam = assessment(staff.id, { question_set_id: set.pk, ...options.assessment });
  const tokens = new Map(takers.map((t) => [t.email, assessmentToken(exam.pk, staff.id, t.email)]));
  await create(server, staff, 'assessments', [exam, ...tokens.values()]);
  const result: Exam = {
    set,
    questions,
    assessment: exam,
    tokens,
    async freshSession(taker, over = {}) {
      const invitation = assessmentToken(exam.pk, staff.id, taker.email);
      await create(server, staff, 'assessments', [invitation]);
      return result.session(taker, { assessment_token_id: invitation.pk, ...over });
    },
    session(taker, over = {}) {
      const token = (over.assessment_token_id as string | undefined) ?? tokens.get(taker.email)?.pk;
      if (!token) throw new Error(`${taker.email} has no invitation to this exam`);
      const sessionId = (over.session_id as string | undefined) ?? newId();
      const composition = composeSession(
        sessionId,
        { question_set_id: set.pk as string },
        questions.map((q) => q.pk),
      );
      const base = testSession({ id: taker.id ?? '', email: taker.email }, over);
      const { user_id: _user, ...rest } = base;
      return {
        ...rest,
        ...(options.withUserId !== false && taker.id ? { user_id: taker.id } : {}),
        session_id: sessionId,
        pk: sessionId,
        assessment_id: exam.pk,
        assessment_token_id: token,
        ...composition,
        ...over,
      } as WireDoc;
    },
  };
  return result;
}
