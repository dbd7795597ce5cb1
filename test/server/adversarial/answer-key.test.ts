import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDoc } from '../../../src-shared/sync/wire';
import { readRows } from '../../../src-server/db/rows';
import { setUpExam, type Exam } from '../exam-fixture';
import { afterT0, answer, assessmentToken, edited, testSession } from '../fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from '../harness';

/*
 * The answer-key oracle a probe found, and its variants, replayed through real
 * HTTP. The attack: a candidate pushes a session of their own that lists one
 * chosen question, answers it, completes it and pulls the score back: 0 or
 * 100 tells whether the answer was right, one session per option. What must
 * hold instead (src-server/sync/write/session-composition.ts, scoring.ts,
 * domain/score-release.ts, the candidate's question filter in
 * permissions/table.ts):
 * - a session's questions are the server's composition of its assessment;
 * - a session belongs to an assessment the candidate was invited to;
 * - candidates receive the questions of their open invitations and running
 *   sessions only;
 * - a candidate observes at most one released score per invitation.
 * Every case checks what is stored, not only the status.
 */

let server: TestServer;
let admin: TestUser;
let alice: TestUser;
let mallory: TestUser;
/** Published; alice is invited. Key: A, B, C, D. */
let exam: Exam;
/** Not published; nobody is invited. */
let hidden: Exam;

beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server, 'super_admin');
  alice = await signUp(server, 'candidate');
  mallory = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, [alice], { questions: 4, correct: ['A', 'B', 'C', 'D'] });
  hidden = await setUpExam(server, admin, [], { questions: 2, assessment: { is_published: false } });
});
afterAll(() => server.close());

const sessionRow = async (id: string) => (await readRows(server.sql, 'test_session', [id])).get(id);
const questionIds = async (user: TestUser) =>
  (await pullAll(server, user, 'question_bank')).documents
    .filter((d) => d.kind === 'question' && !d._deleted)
    .map((d) => d.pk);
const mine = async (user: TestUser, pk: string) =>
  (await pullAll(server, user, 'test_sessions')).documents.find((d) => d.pk === pk);

async function completeWith(user: TestUser, session: WireDoc, choices: Record<string, string>, at = afterT0(30)) {
  const answers = Object.entries(choices).map(([q, choice]) =>
    answer(session.pk, q, { selected_answer: choice, updated_at: afterT0(10), created_at: afterT0(10) }),
  );
  if (answers.length) await create(server, user, 'answers', answers);
  const master = (await mine(user, session.pk))!;
  const done = edited(master, { is_completed: true, completed_at: at });
  const res = await push(server, user, 'test_sessions', [{ assumedMasterState: master, newDocumentState: done }]);
  expect([res.statusCode, res.json()], res.body).toEqual([200, []]);
  return done;
}

describe('which questions reach a candidate', () => {
  it('gives a candidate with no invitation no question at all, and an invited one only her exam’s, keyless', async () => {
    expect(await questionIds(mallory)).toEqual([]);
    const seen = (await pullAll(server, alice, 'question_bank')).documents.filter((d) => d.kind === 'question');
    expect(seen.map((d) => d.pk).sort()).toEqual(exam.questions.map((q) => q.pk).sort());
    for (const q of seen) expect(q).not.toHaveProperty('correct_answer');
    for (const q of hidden.questions) expect(seen.map((d) => d.pk)).not.toContain(q.pk);
  });
});

describe('a session the candidate composes', () => {
  it('is refused without an assessment, or for an assessment she was not invited to', async () => {
    const q = exam.questions[0]!;
    const bare = testSession(mallory, { question_ids: [q.pk], total_questions: 1 });
    const uninvited = testSession(mallory, {
      assessment_id: hidden.assessment.pk,
      question_set_id: hidden.set.pk,
      question_ids: [hidden.questions[0]!.pk],
      total_questions: 1,
    });
    const onAlicesInvitation = exam.session(mallory, { assessment_token_id: exam.tokens.get(alice.email)!.pk });
    const otherAssessment = exam.session(alice, {
      assessment_id: hidden.assessment.pk,
      question_set_id: hidden.set.pk,
    });
    for (const [who, doc, field] of [
      [mallory, bare, 'assessment_id'],
      [mallory, uninvited, 'assessment_token_id'],
      [mallory, onAlicesInvitation, 'assessment_token_id'],
      [alice, otherAssessment, 'assessment_token_id'],
    ] as const) {
      const res = await push(server, who, 'test_sessions', [{ newDocumentState: doc }]);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().errors[0]).toMatchObject({ field: `body.0.newDocumentState.${field}`, rule: 'not_invited' });
      expect(await sessionRow(doc.pk)).toBeUndefined();
    }
  });

  it('is scored on the assessment’s questions, whatever list it sent, and such a score is never released', async () => {
    const [q] = exam.questions;
    const honest = await exam.freshSession(alice);
    const forged = { ...honest, question_ids: [q!.pk], total_questions: 1 } as WireDoc;
    await create(server, alice, 'test_sessions', [forged]);
    expect((await sessionRow(forged.pk))!.doc).toMatchObject({
      question_ids: honest.question_ids,
      total_questions: 4,
      needs_review: true,
    });
    await completeWith(alice, forged, { [q!.pk]: 'A' });
    const stored = (await sessionRow(forged.pk))!.doc;
    expect(stored).toMatchObject({ correct_answers: 1, score_percentage: 25, is_scored: true });
    expect(stored.score_released_at).toBeUndefined();
    const seen = (await mine(alice, forged.pk))!;
    expect(seen).not.toHaveProperty('score_percentage');
    expect(seen).not.toHaveProperty('correct_answers');
  });
});

describe('one observation per invitation', () => {
  it('releases one score per invitation, however many sessions and start times the candidate tries', async () => {
    const first = await exam.freshSession(alice, { started_at: afterT0(0) });
    await create(server, alice, 'test_sessions', [first]);
    await completeWith(alice, first, { [exam.questions[0]!.pk]: 'A' });
    expect((await mine(alice, first.pk))!.score_percentage).toBe(25);

    // The same invitation again, once later and once "earlier", each answered differently.
    const token = first.assessment_token_id as string;
    const tries = [afterT0(40), afterT0(-30)].map((startedAt) =>
      exam.session(alice, { assessment_token_id: token, started_at: startedAt, created_at: startedAt }),
    );
    for (const [i, s] of tries.entries()) {
      await create(server, alice, 'test_sessions', [s]);
      await completeWith(alice, s, { [exam.questions[0]!.pk]: i === 0 ? 'B' : 'C' }, afterT0(60));
    }
    const scoresSeen = [];
    for (const s of [first, ...tries]) {
      const seen = (await mine(alice, s.pk))!;
      if (seen.score_percentage !== undefined) scoresSeen.push(s.pk);
      expect((await sessionRow(s.pk))!.doc.is_scored).toBe(true);
    }
    expect(scoresSeen).toEqual([first.pk]);
    // Every session is kept; the one that claims the earliest start keeps the invitation
    // (token-reuse.ts), the others are flagged for a reviewer, and no second score is released.
    const [later, earlier] = tries;
    for (const s of [first, later!]) expect((await sessionRow(s.pk))!.doc.needs_review).toBe(true);
    expect((await sessionRow(earlier!.pk))!.doc.score_released_at).toBeUndefined();
  });

  it('withdraws a released score when an answer behind it changes, and tells nothing of the new one', async () => {
    const session = await exam.freshSession(alice);
    await create(server, alice, 'test_sessions', [session]);
    const [q0, q1] = exam.questions;
    await completeWith(alice, session, { [q0!.pk]: 'A', [q1!.pk]: 'A' });
    expect((await mine(alice, session.pk))!.score_percentage).toBe(25);
    // "Was B right for question 2?": an edit stamped before submission, so inside the answer window.
    const prior = answer(session.pk, q1!.pk, {
      selected_answer: 'A',
      updated_at: afterT0(10),
      created_at: afterT0(10),
    });
    const probe = { ...prior, selected_answer: 'B', updated_at: afterT0(20) };
    const res = await push(server, alice, 'answers', [{ assumedMasterState: prior, newDocumentState: probe }]);
    expect([res.statusCode, res.json()]).toEqual([200, []]);
    const stored = (await sessionRow(session.pk))!.doc;
    expect(stored).toMatchObject({ score_percentage: 50, needs_review: true });
    const seen = (await mine(alice, session.pk))!;
    expect(seen).not.toHaveProperty('score_percentage');
    expect(String(seen.review_reason)).not.toMatch(/50|25/);
  });
});

describe('questions after the exam', () => {
  it('are no longer sent to a device that asks from the start, once her sessions are done and invitations used', async () => {
    const late = await signUp(server, 'candidate');
    const solo = await setUpExam(server, admin, [late], { questions: 2 });
    expect((await questionIds(late)).sort()).toEqual(solo.questions.map((q) => q.pk).sort());
    const session = solo.session(late);
    await create(server, late, 'test_sessions', [session]);
    // Running: the session keeps the questions in scope after the server marked the invitation used.
    const token = (await readRows(server.sql, 'assessment_token', [session.assessment_token_id as string])).get(
      session.assessment_token_id as string,
    )!.doc;
    expect(token.is_used).toBe(true);
    expect((await questionIds(late)).sort()).toEqual(solo.questions.map((q) => q.pk).sort());
    await completeWith(late, session, {});
    expect(await questionIds(late)).toEqual([]);
    // Her device is told to remove them (scope changes, just after the commit), by key only.
    let told: WireDoc[] = [];
    for (let tries = 0; told.length < 2 && tries < 100; tries++) {
      if (tries) await new Promise((resolve) => setTimeout(resolve, 50));
      told = (await pullAll(server, late, 'question_bank')).documents.filter((d) => d.kind === 'question');
    }
    expect(told.map((d) => d.pk).sort()).toEqual(solo.questions.map((q) => q.pk).sort());
    for (const doc of told) expect(doc).toEqual({ pk: doc.pk, kind: 'question', _deleted: true, _withdrawn: true });
  });

  it('does not reopen an exam through a second, unused invitation of another candidate', async () => {
    const other = assessmentToken(exam.assessment.pk, admin.id, 'someone.else@example.org');
    await create(server, admin, 'assessments', [other]);
    expect(await questionIds(mallory)).toEqual([]);
  });
});
