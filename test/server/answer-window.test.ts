import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRuleRefusal } from '../../src-shared/sync/field-merge';
import type { WireDoc } from '../../src-shared/sync/wire';
import { readRows } from '../../src-server/db/rows';
import { afterT0, answer, assessmentToken, edited, testSession } from './fixtures';
import { create, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam, type Exam } from './exam-fixture';

/*
 * The answer rule (conflict-rules.ts, domain/answer-window.ts): an answer
 * counts if its station stamped it before the session's submission and
 * before started_at + the assessment's duration (plus a minute's grace),
 * whenever it reaches the server.
 */

let server: TestServer;
let admin: TestUser;
let alice: TestUser;
let exam: Exam;
let questions: WireDoc[];

// The server's clock is a day after the exam: arrival time must not matter.
const SERVER_NOW = Date.parse(afterT0(24 * 60));

beforeAll(async () => {
  server = await startServer({ now: () => SERVER_NOW });
  admin = await signUp(server, 'super_admin');
  alice = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, [alice], { questions: 3, assessment: { duration_minutes: 60 } });
  questions = exam.questions;
});
afterAll(() => server.close());

const storedAnswer = async (id: string) => (await readRows(server.sql, 'answer', [id])).get(id);
const storedSession = async (id: string) => (await readRows(server.sql, 'test_session', [id])).get(id)!.doc;

/** A session on an invitation of its own, so that each one's score may be released. */
async function startExam(over: Record<string, unknown> = {}) {
  const invitation = assessmentToken(exam.assessment.pk, admin.id, alice.email);
  await create(server, admin, 'assessments', [invitation]);
  const session = exam.session(alice, { assessment_token_id: invitation.pk, ...over });
  await create(server, alice, 'test_sessions', [session]);
  return session;
}

const answerAt = (session: WireDoc, q: number, minutes: number, over: Record<string, unknown> = {}) =>
  answer(session.pk, questions[q]!.pk, { updated_at: afterT0(minutes), created_at: afterT0(minutes), ...over });

/** A refused creation comes back as a deleted master: the server holds no such answer. */
const tombstone = (doc: WireDoc) => ({ ...doc, _deleted: true });

describe('the time limit', () => {
  it('accepts answers stamped within started_at + duration (a minute’s grace), refuses later ones', async () => {
    const session = await startExam();
    const early = answerAt(session, 0, 30);
    const lastSecond = answerAt(session, 1, 60.5);
    await create(server, alice, 'answers', [early, lastSecond]);

    const late = answerAt(session, 2, 61.5);
    const res = await push(server, alice, 'answers', [{ newDocumentState: late }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([tombstone(late)]);
    expect(await storedAnswer(late.pk)).toBeUndefined();

    const changedLate = { ...early, selected_answer: 'B', updated_at: afterT0(62) };
    const edit = await push(server, alice, 'answers', [{ assumedMasterState: early, newDocumentState: changedLate }]);
    expect(edit.json()).toEqual([early]);
    expect(isRuleRefusal('answer', early, edit.json<WireDoc[]>()[0]!)).toBe(true);
    expect((await storedAnswer(early.pk))!.doc).toMatchObject({ selected_answer: 'A' });
  });

  it('moves with the extra time a proctor granted, as the exam clock does', async () => {
    const session = await startExam();
    // Granted by staff (a station's proctor PIN, or an admin): candidates cannot grant it themselves.
    const granted = edited(session, { extra_time_seconds: 15 * 60 });
    expect(
      (await push(server, alice, 'test_sessions', [{ assumedMasterState: session, newDocumentState: granted }]))
        .statusCode,
    ).toBe(403);
    expect(
      (await push(server, admin, 'test_sessions', [{ assumedMasterState: session, newDocumentState: granted }])).json(),
    ).toEqual([]);
    const inExtraTime = answerAt(session, 0, 74);
    await create(server, alice, 'answers', [inExtraTime]);
    const afterIt = answerAt(session, 1, 76.5);
    expect((await push(server, alice, 'answers', [{ newDocumentState: afterIt }])).json()).toEqual([
      tombstone(afterIt),
    ]);
  });

  it('has no untimed sessions: every session names an assessment, also an administrator’s', async () => {
    for (const user of [alice, admin]) {
      const res = await push(server, user, 'test_sessions', [{ newDocumentState: testSession(alice) }]);
      expect(res.statusCode).toBe(403);
      expect(res.json().errors[0]).toMatchObject({
        field: 'body.0.newDocumentState.assessment_id',
        rule: 'not_invited',
      });
    }
  });
});

describe('submission', () => {
  it('takes the last write before it, however late that syncs, and nothing written after it', async () => {
    const session = await startExam();
    const first = answerAt(session, 0, 10);
    await create(server, alice, 'answers', [first]);
    const done = edited(session, { is_completed: true, completed_at: afterT0(40) });
    expect(
      (await push(server, alice, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }])).json(),
    ).toEqual([]);
    expect(await storedSession(session.pk)).toMatchObject({ correct_answers: 1, score_percentage: 33.33 });

    // Stamped before submission, synced after it (the station's collections sync independently). It counts;
    // the score it changes was already released, so it is withdrawn until a reviewer looks (scoring.ts).
    const beforeSubmit = answerAt(session, 1, 35);
    await create(server, alice, 'answers', [beforeSubmit]);
    const rescored = await storedSession(session.pk);
    expect(rescored).toMatchObject({ correct_answers: 2, score_percentage: 66.67, needs_review: true });
    expect(rescored.score_released_at).toBeUndefined();

    const afterSubmit = answerAt(session, 2, 45);
    expect((await push(server, alice, 'answers', [{ newDocumentState: afterSubmit }])).json()).toEqual([
      tombstone(afterSubmit),
    ]);
    const changed = { ...first, selected_answer: 'B', updated_at: afterT0(41) };
    const res = await push(server, alice, 'answers', [{ assumedMasterState: first, newDocumentState: changed }]);
    expect(res.json()).toEqual([first]);
    expect(isRuleRefusal('answer', first, res.json<WireDoc[]>()[0]!)).toBe(true);

    expect(await storedAnswer(afterSubmit.pk)).toBeUndefined();
    expect((await storedAnswer(first.pk))!.doc).toMatchObject({ selected_answer: 'A', is_correct: true });
    expect(await storedSession(session.pk)).toMatchObject({ correct_answers: 2, score_percentage: 66.67 });
  });

  it('binds administrators too: a score follows the same rule whoever pushes', async () => {
    const session = await startExam();
    const done = edited(session, { is_completed: true, completed_at: afterT0(20) });
    await push(server, alice, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }]);
    const late = answerAt(session, 0, 25);
    expect((await push(server, admin, 'answers', [{ newDocumentState: late }])).json()).toEqual([tombstone(late)]);
  });
});
