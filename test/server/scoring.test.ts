import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities } from '../../src-shared/domain/registry';
import type { WireDoc } from '../../src-shared/sync/wire';
import { readRows } from '../../src-server/db/rows';
import { scorePercentage } from '../../src-server/sync/scoring';
import { afterT0, answer, edited, question, questionSet } from './fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam, type Exam } from './exam-fixture';

let server: TestServer;
let admin: TestUser;
let candidate: TestUser;
/** Three questions: the key is A, B, and none. */
let exam: Exam;
let questions: WireDoc[];

beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server, 'super_admin');
  candidate = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, [candidate], { questions: 3, correct: ['A', 'B', null] });
  questions = exam.questions;
});
afterAll(() => server.close());

async function complete(session: WireDoc, at = '2026-03-01T10:00:00.000Z') {
  const done = edited(session, { is_completed: true, completed_at: at });
  const res = await push(server, candidate, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }]);
  expect(res.json()).toEqual([]);
  return done;
}

const sessionRow = async (id: string) => (await readRows(server.sql, 'test_session', [id])).get(id)!.doc;
const answerRow = async (id: string) => (await readRows(server.sql, 'answer', [id])).get(id)!.doc;

describe('scorePercentage', () => {
  it('rounds to the two decimals the entity accepts', () => {
    for (const [correct, total] of [
      [1, 3],
      [2, 3],
      [0, 0],
      [7, 7],
      [1, 7],
    ] as const) {
      const value = scorePercentage(correct, total);
      expect(entities.test_session.shape.score_percentage.safeParse(value).success, `${correct}/${total}`).toBe(true);
    }
    expect(scorePercentage(1, 3)).toBe(33.33);
    expect(scorePercentage(0, 0)).toBe(0);
  });
});

describe('server-side scoring', () => {
  it('waits for completion, then marks answers and scores the session', async () => {
    let session = await exam.freshSession(candidate);
    await create(server, candidate, 'test_sessions', [session]);
    const answers = [
      answer(session.pk, questions[0]!.pk, { selected_answer: 'A' }),
      answer(session.pk, questions[1]!.pk, { selected_answer: 'A' }),
      answer(session.pk, questions[2]!.pk, { selected_answer: 'A' }),
    ];
    await create(server, candidate, 'answers', answers);
    expect(await sessionRow(session.pk)).toMatchObject({ is_scored: false });
    expect(await answerRow(answers[0]!.pk)).not.toHaveProperty('is_correct');

    const done = edited(session, { is_completed: true, completed_at: '2026-03-01T10:00:00.000Z' });
    expect(
      (
        await push(server, candidate, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }])
      ).json(),
    ).toEqual([]);
    session = done;
    expect(await sessionRow(session.pk)).toMatchObject({
      is_scored: true,
      correct_answers: 1,
      score_percentage: 33.33,
    });
    expect(await answerRow(answers[0]!.pk)).toMatchObject({ is_correct: true });
    expect(await answerRow(answers[1]!.pk)).toMatchObject({ is_correct: false });
    expect(await answerRow(answers[2]!.pk)).toMatchObject({ is_correct: false });

    // The station sees its score, never the marks of single answers.
    const pulled = (await pullAll(server, candidate, 'test_sessions')).documents.find((d) => d.pk === session.pk)!;
    expect(pulled).toMatchObject({ score_percentage: 33.33, is_scored: true });
    for (const a of (await pullAll(server, candidate, 'answers')).documents) expect(a).not.toHaveProperty('is_correct');

    // The station's next edit of the session is no conflict, though the server scored it.
    const later = edited(session, { duration_seconds: 1200 });
    expect(
      (
        await push(server, candidate, 'test_sessions', [{ assumedMasterState: session, newDocumentState: later }])
      ).json(),
    ).toEqual([]);
    session = later;

    // An answer that syncs late is scored too. The score it changes was released already: it is
    // withdrawn and the session flagged, since a device that could change an answer and read a new
    // score would learn whether the answer was right.
    const fixed = edited(answers[1]!, { selected_answer: 'B' });
    expect(
      (await push(server, candidate, 'answers', [{ assumedMasterState: answers[1]!, newDocumentState: fixed }])).json(),
    ).toEqual([]);
    const rescored = await sessionRow(session.pk);
    expect(rescored).toMatchObject({ correct_answers: 2, score_percentage: 66.67, needs_review: true });
    expect(rescored.score_released_at).toBeUndefined();
    const withdrawn = (await pullAll(server, candidate, 'test_sessions')).documents.find((d) => d.pk === session.pk)!;
    expect(withdrawn).not.toHaveProperty('score_percentage');
    expect(withdrawn.review_reason).not.toContain('66');

    // A reviewer clears the flag: the score is released again.
    const proctor = await signUp(server, 'proctor');
    const master = (await pullAll(server, proctor, 'test_sessions')).documents.find((d) => d.pk === session.pk)!;
    const cleared = edited(master, { needs_review: false });
    expect(
      (
        await push(server, proctor, 'test_sessions', [{ assumedMasterState: master, newDocumentState: cleared }])
      ).json(),
    ).toEqual([]);
    expect((await sessionRow(session.pk)).score_released_at).toBeDefined();
  });
});

describe('what a score counts', () => {
  it('counts each question once: a second answer to a question can only replace the first', async () => {
    const session = await exam.freshSession(candidate);
    await create(server, candidate, 'test_sessions', [session]);
    const first = answer(session.pk, questions[0]!.pk, { selected_answer: 'A' });
    await create(server, candidate, 'answers', [first]);
    // Another id for the same question is refused: answer ids derive from (session, question).
    const twin = { ...first, id: 'another-id', pk: 'another-id' };
    const res = await push(server, candidate, 'answers', [{ newDocumentState: twin }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(
      expect.objectContaining({ rule: 'rule', field: 'body.0.newDocumentState.id' }),
    );
    // The same id again is the same answer: a conflict, not a second answer.
    const again = await push(server, candidate, 'answers', [{ newDocumentState: edited(first, {}) }]);
    expect(again.json()).toEqual([first]);
    await complete(session);
    expect(await sessionRow(session.pk)).toMatchObject({ correct_answers: 1, score_percentage: 33.33 });
  });

  it('counts unanswered questions as wrong, and answers to questions the session does not list as nothing', async () => {
    // The device claims one question; the server composes the session from its assessment: three.
    const claimed = await exam.freshSession(candidate);
    const session = { ...claimed, question_ids: [questions[0]!.pk], total_questions: 1 } as WireDoc;
    await create(server, candidate, 'test_sessions', [session]);
    expect(await sessionRow(session.pk)).toMatchObject({
      question_ids: claimed.question_ids,
      total_questions: 3,
      needs_review: true,
    });
    const set = questionSet();
    const stray = question(set.pk);
    await create(server, admin, 'question_bank', [set, stray]);
    const answered = answer(session.pk, questions[0]!.pk, { selected_answer: 'A' });
    const unlisted = answer(session.pk, stray.pk, { selected_answer: 'A' });
    await create(server, candidate, 'answers', [answered, unlisted]);
    const master = (await pullAll(server, candidate, 'test_sessions')).documents.find((d) => d.pk === session.pk)!;
    await complete(master);
    const scored = await sessionRow(session.pk);
    expect(scored).toMatchObject({ correct_answers: 1, score_percentage: 33.33 });
    // Flagged (the device's list differed): the score is not released to the candidate.
    expect(scored.score_released_at).toBeUndefined();
    expect(await answerRow(unlisted.pk)).toMatchObject({ is_correct: false });
  });

  it('ignores answers written after the time limit, also when the limit changed after they synced', async () => {
    const timed = await setUpExam(server, admin, [candidate], {
      correct: ['A', 'B'],
      assessment: { duration_minutes: 60 },
    });
    const session = timed.session(candidate);
    await create(server, candidate, 'test_sessions', [session]);
    const [q0, q1] = timed.questions;
    const inTime = answer(session.pk, q0!.pk, { selected_answer: 'A', updated_at: afterT0(20) });
    const late = answer(session.pk, q1!.pk, { selected_answer: 'B', updated_at: afterT0(50) });
    await create(server, candidate, 'answers', [inTime, late]);
    const shorter = edited(timed.assessment, { duration_minutes: 30 });
    expect(
      (
        await push(server, admin, 'assessments', [{ assumedMasterState: timed.assessment, newDocumentState: shorter }])
      ).json(),
    ).toEqual([]);
    await complete(session, afterT0(55));
    expect(await sessionRow(session.pk)).toMatchObject({ correct_answers: 1, score_percentage: 50 });
    expect(await answerRow(late.pk)).toMatchObject({ is_correct: false });
  });
});

describe('quiz streaks', () => {
  it('count a scored quiz on the UTC day it was completed, and a late-synced older quiz does not break the streak', async () => {
    const taker = await signUp(server, 'candidate');
    exam = await setUpExam(server, admin, [taker], { questions: 1 });
    const user = async () => (await readRows(server.sql, 'user', [taker.id])).get(taker.id)!.doc;
    const finish = async (startedAt: string, completedAt: string) => {
      const session = await exam.freshSession(taker, { started_at: startedAt });
      await create(server, taker, 'test_sessions', [session]);
      const done = edited(session, { is_completed: true, completed_at: completedAt });
      expect(
        (await push(server, taker, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }])).json(),
      ).toEqual([]);
    };
    await finish('2026-03-02T09:00:00.000Z', '2026-03-02T09:20:00.000Z');
    expect(await user()).toMatchObject({ quiz_streak: 1, max_quiz_streak: 1, last_quiz_date: '2026-03-02' });
    // Late in the evening UTC still counts for that day; the next day extends the streak.
    await finish('2026-03-02T23:00:00.000Z', '2026-03-02T23:30:00.000Z');
    await finish('2026-03-03T08:00:00.000Z', '2026-03-03T08:15:00.000Z');
    expect(await user()).toMatchObject({ quiz_streak: 2, max_quiz_streak: 2, last_quiz_date: '2026-03-03' });
    // An offline station syncs a quiz from the week before only now.
    await finish('2026-02-24T08:00:00.000Z', '2026-02-24T08:15:00.000Z');
    expect(await user()).toMatchObject({ quiz_streak: 2, last_quiz_date: '2026-03-03' });
    // A gap resets the streak, the best one is kept.
    await finish('2026-03-06T08:00:00.000Z', '2026-03-06T08:15:00.000Z');
    expect(await user()).toMatchObject({ quiz_streak: 1, max_quiz_streak: 2, last_quiz_date: '2026-03-06' });
  });
});
