import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows, writeRow } from '../../src-server/db/rows';
import { afterT0, answer, edited } from '../server/fixtures';
import { create, push, signUp, startServer, type TestServer, type TestUser } from '../server/harness';
import { setUpExam, type Exam } from '../server/exam-fixture';
import { rescore } from './rescore';
import { verify } from './verify';

/*
 * The soak's recomputation of scores against a real server (PGlite, as the
 * server suite runs): a session scored through a push agrees with its fresh
 * recomputation; a stored score the data does not support is caught; and
 * the recomputation leaves the database as it found it.
 */

let server: TestServer;
let candidate: TestUser;
let exam: Exam;

beforeAll(async () => {
  server = await startServer();
  const admin = await signUp(server, 'super_admin');
  candidate = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, [candidate], { questions: 3, correct: ['A', 'B', null] });
});
afterAll(() => server.close());

async function completedSession(choices: string[]): Promise<string> {
  const session = await exam.freshSession(candidate);
  await create(server, candidate, 'test_sessions', [session]);
  const answers = choices.map((choice, i) => answer(session.pk, exam.questions[i]!.pk, { selected_answer: choice }));
  await create(server, candidate, 'answers', answers);
  const done = edited(session, { is_completed: true, completed_at: afterT0(10) });
  const res = await push(server, candidate, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }]);
  expect(res.json()).toEqual([]);
  return session.pk;
}

describe('rescore', () => {
  it('agrees with the scores the server wrote while syncing', async () => {
    await completedSession(['A', 'A', 'A']);
    await completedSession(['A', 'B']);
    const rescored = await rescore(server.sql, exam.assessment.pk as string);
    expect(rescored.stored.sessions).toHaveLength(2);
    expect(rescored.fresh.sessions.map((s) => s.correct_answers).sort()).toEqual([1, 2]);
    expect(verify(rescored, [], []).scoreMismatches).toBe(0);
  });

  it('catches a stored score the answers do not support, and writes nothing', async () => {
    const id = await completedSession(['B', 'B', 'B']);
    const row = (await readRows(server.sql, 'test_session', [id])).get(id)!.doc;
    expect(row).toMatchObject({ correct_answers: 1 });
    await writeRow(server.sql, 'test_session', { ...row, correct_answers: 3, score_percentage: 100 });

    const rescored = await rescore(server.sql, exam.assessment.pk as string);
    expect(rescored.fresh.sessions.find((s) => s.session_id === id)).toMatchObject({ correct_answers: 1 });
    expect(verify(rescored, [], []).scoreMismatches).toBe(1);
    // Rolled back: the wrong score is still what the server holds.
    expect((await readRows(server.sql, 'test_session', [id])).get(id)!.doc).toMatchObject({ correct_answers: 3 });
  });
});
