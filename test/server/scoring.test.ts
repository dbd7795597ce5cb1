import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities } from '../../src-shared/domain/registry';
import type { WireDoc } from '../../src-shared/sync/wire';
import { readRows } from '../../src-server/db/rows';
import { scorePercentage } from '../../src-server/sync/scoring';
import { answer, edited, question, questionSet, testSession } from './fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';

let server: TestServer;
let admin: TestUser;
let candidate: TestUser;
let questions: WireDoc[];

beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server, 'super_admin');
  candidate = await signUp(server, 'candidate');
  const set = questionSet({ total_questions: 3 });
  questions = [
    question(set.pk),
    question(set.pk, { correct_answer: 'B' }),
    question(set.pk, { correct_answer: undefined }),
  ];
  delete questions[2]!.correct_answer;
  await create(server, admin, 'question_bank', [set, ...questions]);
});
afterAll(() => server.close());

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
    let session = testSession(candidate, { total_questions: 3 });
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

    // An answer that syncs late is scored too.
    const fixed = edited(answers[1]!, { selected_answer: 'B' });
    expect(
      (await push(server, candidate, 'answers', [{ assumedMasterState: answers[1]!, newDocumentState: fixed }])).json(),
    ).toEqual([]);
    expect(await sessionRow(session.pk)).toMatchObject({ correct_answers: 2, score_percentage: 66.67 });

    // The station's next edit of the session is no conflict, though the server changed it.
    const later = edited(session, { duration_seconds: 1200 });
    expect(
      (
        await push(server, candidate, 'test_sessions', [{ assumedMasterState: session, newDocumentState: later }])
      ).json(),
    ).toEqual([]);
  });
});
