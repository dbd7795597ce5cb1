import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScoreRelease } from '../../src-shared/domain/score-release';
import { accessFor, present, within, type KindAccess } from '../../src-shared/permissions';
import type { WireDoc } from '../../src-shared/sync/wire';
import { loadConfig } from '../../src-server/config';
import { readRows } from '../../src-server/db/rows';
import { revealedRows } from '../../src-server/sync/visibility';
import { afterT0, answer, edited } from './fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam, type Exam } from './exam-fixture';
import { openSseStream } from './sse-client';

/*
 * Scores reach candidates only once released (domain/score-release.ts):
 * the server sets score_released_at, and candidates' pulls, streams and
 * conflicts carry correct_answers and score_percentage only on released rows.
 */

const RELEASE_AT = '2026-03-02T09:00:00.000Z';
// The clock jumps a day; tokens must outlive it.
const WEEK = 7 * 24 * 3600;
let clock = Date.parse(afterT0(60));

let server: TestServer;
let admin: TestUser;
let proctor: TestUser;
let alice: TestUser;
let exam: Exam;
let q: WireDoc;

beforeAll(async () => {
  server = await startServer({
    listen: true,
    now: () => clock,
    config: { scoreRelease: { mode: 'at', at: RELEASE_AT }, accessTokenSeconds: WEEK },
  });
  admin = await signUp(server, 'super_admin');
  proctor = await signUp(server, 'proctor');
  alice = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, [alice], { questions: 1 });
  q = exam.questions[0]!;
});
afterAll(() => server.close());

const SCORE = ['correct_answers', 'score_percentage', 'score_released_at'];
const find = async (user: TestUser, pk: string, since = 0) =>
  (await pullAll(server, user, 'test_sessions', since)).documents.find((d) => d.pk === pk);

/** A completed session with one correct answer, scored by the server. */
async function completedSession(user: TestUser) {
  const session = await exam.freshSession(user);
  await create(server, user, 'test_sessions', [session]);
  await create(server, user, 'answers', [answer(session.pk, q.pk, { selected_answer: 'A' })]);
  const done = edited(session, { is_completed: true, completed_at: afterT0(30) });
  const res = await push(server, user, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }]);
  expect(res.json()).toEqual([]);
  return done;
}

describe('a score released at a configured time', () => {
  it('is withheld from the candidate until then, and reaches her next pull once it passes', async () => {
    const done = await completedSession(alice);
    // Staff see the score as soon as it is computed.
    expect(await find(proctor, done.pk)).toMatchObject({ is_scored: true, correct_answers: 1, score_percentage: 100 });
    const before = await pullAll(server, alice, 'test_sessions');
    const mine = before.documents.find((d) => d.pk === done.pk)!;
    expect(mine).toMatchObject({ is_scored: true });
    for (const field of SCORE) expect(mine).not.toHaveProperty(field);

    // Her station edits the session without the score: no false conflict, and the score stays.
    const edit = edited(mine, { duration_seconds: 1800 });
    expect(
      (await push(server, alice, 'test_sessions', [{ assumedMasterState: mine, newDocumentState: edit }])).json(),
    ).toEqual([]);
    // A conflict answered to her is stripped like a pull.
    const stale = await push(server, alice, 'test_sessions', [
      { assumedMasterState: mine, newDocumentState: edited(mine, { candidate_name: 'Al Ice' }) },
    ]);
    for (const field of SCORE) expect(stale.json<WireDoc[]>()[0]).not.toHaveProperty(field);
    const { seq } = await pullAll(server, alice, 'test_sessions');
    expect((await readRows(server.sql, 'test_session', [done.pk])).get(done.pk)!.doc).toMatchObject({
      score_percentage: 100,
      duration_seconds: 1800,
    });

    clock = Date.parse(RELEASE_AT) + 60_000;
    const released = await pullAll(server, alice, 'test_sessions', seq);
    expect(released.documents.find((d) => d.pk === done.pk)).toMatchObject({
      correct_answers: 1,
      score_percentage: 100,
      score_released_at: new Date(clock).toISOString(),
    });
  });

  it('is released when computed once the time has passed, and reaches open live streams', async () => {
    clock = Date.parse(RELEASE_AT) + 120_000;
    const stream = await openSseStream(server.url!, alice.token);
    expect((await stream.next())!.event).toBe('resync');
    const done = await completedSession(alice);
    let change = await stream.nextChange('test_sessions');
    while (!change.documents.some((d) => d.pk === done.pk && d.is_scored))
      change = await stream.nextChange('test_sessions');
    expect(change.documents.find((d) => d.pk === done.pk)).toMatchObject({
      score_percentage: 100,
      score_released_at: new Date(clock).toISOString(),
    });
    stream.close();
  });
});

describe('the release sweep', () => {
  it('gives withheld scores a new change number, which live streams carry', async () => {
    clock = Date.parse(afterT0(60));
    const later = await startServer({
      listen: true,
      now: () => clock,
      config: { scoreRelease: { mode: 'at', at: RELEASE_AT }, accessTokenSeconds: WEEK },
    });
    try {
      const staff = await signUp(later, 'super_admin');
      const bob = await signUp(later, 'candidate');
      const session = (await setUpExam(later, staff, [bob], { questions: 1 })).session(bob);
      await create(later, bob, 'test_sessions', [session]);
      const done = edited(session, { is_completed: true, completed_at: afterT0(30) });
      await push(later, bob, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }]);
      const stream = await openSseStream(later.url!, bob.token);
      expect((await stream.next())!.event).toBe('resync');
      const { seq } = await pullAll(later, bob, 'test_sessions');

      clock = Date.parse(RELEASE_AT);
      // Any pull of test sessions runs the sweep when due (as the timer does at the release time).
      await pullAll(later, staff, 'test_sessions');
      const change = await stream.nextChange('test_sessions');
      expect(change.checkpoint.seq).toBeGreaterThan(seq);
      expect(change.documents).toEqual([
        expect.objectContaining({ pk: done.pk, score_percentage: 0, score_released_at: RELEASE_AT }),
      ]);
      stream.close();
    } finally {
      await later.close();
    }
  });
});

describe('immediate release (the default)', () => {
  it('stamps score_released_at with the server time of scoring', async () => {
    const SCORED_AT = Date.parse('2026-03-01T10:05:00.000Z');
    const immediate = await startServer({ now: () => SCORED_AT });
    try {
      const cand = await signUp(immediate, 'candidate');
      const staff = await signUp(immediate, 'super_admin');
      const session = (await setUpExam(immediate, staff, [cand], { questions: 1 })).session(cand);
      await create(immediate, cand, 'test_sessions', [session]);
      const done = edited(session, { is_completed: true, completed_at: afterT0(30) });
      await push(immediate, cand, 'test_sessions', [{ assumedMasterState: session, newDocumentState: done }]);
      expect((await pullAll(immediate, cand, 'test_sessions')).documents[0]).toMatchObject({
        score_percentage: 0,
        score_released_at: new Date(SCORED_AT).toISOString(),
      });
    } finally {
      await immediate.close();
    }
  });
});

describe('configuration', () => {
  it('reads ASSIST_TEN_SCORE_RELEASE: immediate, or a time with an offset', () => {
    expect(parseScoreRelease(undefined)).toEqual({ mode: 'immediate' });
    expect(parseScoreRelease(' immediate ')).toEqual({ mode: 'immediate' });
    expect(parseScoreRelease('2026-06-01T11:00:00+02:00')).toEqual({ mode: 'at', at: '2026-06-01T09:00:00.000Z' });
    for (const bad of ['2026-06-01T09:00:00', 'tomorrow', '2026-13-01T00:00:00Z'])
      expect(() => parseScoreRelease(bad), bad).toThrow(/ASSIST_TEN_SCORE_RELEASE/);
    const env = { ASSIST_TEN_JWT_SECRET: 'x'.repeat(32), ASSIST_TEN_SCORE_RELEASE: '2026-06-01T09:00:00Z' };
    expect(loadConfig(env).scoreRelease).toEqual({ mode: 'at', at: '2026-06-01T09:00:00.000Z' });
  });
});

describe('conditional strips', () => {
  it('compile any row filter, across tables too, and strip per row', async () => {
    clock = Date.parse(RELEASE_AT) + 180_000;
    const done = await completedSession(alice);
    const open = await exam.freshSession(alice);
    await create(server, alice, 'test_sessions', [open]);
    // The first was stored by completedSession.
    const answers = [answer(done.pk, q.pk), answer(open.pk, q.pk)];
    await create(server, alice, 'answers', [answers[1]!]);
    // Marks only once the session's score is released: a rule the table could adopt.
    const access: KindAccess = {
      ...accessFor('proctor', 'answer')!,
      withheld: [
        {
          fields: new Set(['is_correct']),
          until: within('session_id', 'test_session', 'session_id', present('score_released_at')),
        },
      ],
    };
    const flags = await revealedRows(server.sql, access, { id: proctor.id, email: proctor.email } as never, [
      answers[0]!.pk,
      answers[1]!.pk,
    ]);
    expect(flags.get(answers[0]!.pk)).toEqual([true]);
    expect(flags.get(answers[1]!.pk)).toEqual([false]);
  });
});
