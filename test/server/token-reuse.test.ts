import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDoc } from '../../src-shared/sync/wire';
import { readRows } from '../../src-server/db/rows';
import { assessment, assessmentToken, candidateProfile, edited, newId, questionSet, testSession } from './fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { signInStation, type TestStation } from './station-harness';

/*
 * A token is single-use, but stations accept tokens offline. When two
 * stations both accepted one, the server keeps the session that started
 * first and flags the other for review (src-server/sync/token-reuse.ts):
 * whichever order they sync in, and without dropping either.
 */

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
let server: TestServer;
let admin: TestUser;
let proctor: TestUser;
let a: TestStation;
let b: TestStation;
const exam = assessment('x');
// No questions: what is settled here is the invitation (the composition of an empty set is empty).
const set = questionSet();

beforeAll(async () => {
  server = await startServer({ now: () => NOW });
  admin = await signUp(server, 'admin');
  proctor = await signUp(server, 'proctor');
  await create(server, admin, 'question_bank', [set]);
  await create(server, admin, 'assessments', [{ ...exam, created_by: admin.id, question_set_id: set.pk }]);
  a = await signInStation(server, proctor.email, [exam.pk], 'Station A');
  b = await signInStation(server, proctor.email, [exam.pk], 'Station B');
});
afterAll(() => server.close());

async function invitation(email: string, over: Record<string, unknown> = {}): Promise<WireDoc> {
  const token = { ...assessmentToken(exam.pk, admin.id, email), ...over };
  await create(server, admin, 'assessments', [token]);
  await create(server, admin, 'candidates', [candidateProfile(email)]);
  return token;
}

function sessionOn(station: TestStation, token: WireDoc, startedAt: string, over: Record<string, unknown> = {}) {
  const email = token.candidate_email as string;
  return testSession(
    { id: 'unused', email },
    {
      user_id: undefined,
      assessment_id: exam.pk,
      question_set_id: set.pk,
      question_ids: [],
      total_questions: 0,
      assessment_token_id: token.pk,
      station_id: station.id,
      started_at: startedAt,
      created_at: startedAt,
      updated_at: startedAt,
      ...over,
    },
  );
}

async function stored(sessionId: string) {
  return (await readRows(server.sql, 'test_session', [sessionId])).get(sessionId)!.doc;
}

describe('a token two offline stations both accepted', () => {
  it('keeps the session that started first, even when it syncs last, and flags the other', async () => {
    const token = await invitation('late@example.org');
    const onA = sessionOn(a, token, '2026-03-01T10:05:00.000Z');
    const onB = sessionOn(b, token, '2026-03-01T10:00:00.000Z');

    await create(server, a, 'test_sessions', [onA]);
    // Alone so far: A keeps the token, which the server marks used at A's start.
    expect((await stored(onA.pk)).needs_review).toBeUndefined();
    const afterA = (await readRows(server.sql, 'assessment_token', [token.pk])).get(token.pk)!.doc;
    expect([afterA.is_used, afterA.used_at]).toEqual([true, onA.started_at]);

    // B was offline and started earlier: it syncs last and still keeps the token.
    await create(server, b, 'test_sessions', [onB]);
    const [first, second] = [await stored(onB.pk), await stored(onA.pk)];
    expect(first.needs_review).toBeUndefined();
    expect(second.needs_review).toBe(true);
    expect(second.review_reason).toContain(`session ${onB.pk}`);
    expect(second.review_reason).toContain(b.id);

    // Both sessions are kept; proctors see the flag, and station A sees it on its own session.
    const forProctor = (await pullAll(server, proctor, 'test_sessions')).documents;
    expect(forProctor.filter((d) => d.pk === onA.pk || d.pk === onB.pk)).toHaveLength(2);
    expect(forProctor.find((d) => d.pk === onA.pk)!.needs_review).toBe(true);
    const forA = (await pullAll(server, a, 'test_sessions')).documents;
    expect(forA.find((d) => d.pk === onA.pk)).toMatchObject({ needs_review: true });
    expect(
      forA.find((d) => d.pk === onB.pk),
      "B's session is not A's to see",
    ).toBeUndefined();
  });

  it('breaks a tie on the start time by the smaller session id, whatever the sync order', async () => {
    const token = await invitation('tie@example.org');
    const at = '2026-03-01T09:00:00.000Z';
    const [low, high] = [newId(), newId()].sort() as [string, string];
    const onA = sessionOn(a, token, at, { session_id: high, pk: high });
    const onB = sessionOn(b, token, at, { session_id: low, pk: low });
    await create(server, a, 'test_sessions', [onA]);
    await create(server, b, 'test_sessions', [onB]);
    expect((await stored(low)).needs_review).toBeUndefined();
    expect((await stored(high)).needs_review).toBe(true);
  });

  it('flags a session whose token had expired when it started', async () => {
    const token = await invitation('expired@example.org', { expires_at: '2026-03-01T08:00:00.000Z' });
    const session = sessionOn(a, token, '2026-03-01T08:30:00.000Z');
    await create(server, a, 'test_sessions', [session]);
    const doc = await stored(session.pk);
    expect(doc.needs_review).toBe(true);
    expect(doc.review_reason).toContain('had expired');
  });

  it("leaves a reviewer's decision alone: a cleared flag stays cleared when the station writes again", async () => {
    const token = await invitation('reviewed@example.org');
    const first = sessionOn(a, token, '2026-03-01T07:00:00.000Z');
    const second = sessionOn(b, token, '2026-03-01T07:10:00.000Z');
    await create(server, a, 'test_sessions', [first]);
    await create(server, b, 'test_sessions', [second]);
    const flagged = (await pullAll(server, admin, 'test_sessions')).documents.find((d) => d.pk === second.pk)!;
    expect(flagged.needs_review).toBe(true);

    const cleared = edited(flagged, { needs_review: false, review_reason: 'Checked: same candidate, desk swap.' });
    const res = await push(server, admin, 'test_sessions', [
      { assumedMasterState: flagged, newDocumentState: cleared },
    ]);
    expect([res.statusCode, res.json()]).toEqual([200, []]);

    // The station finishes the exam: a later write of the same session does not re-flag it.
    const mine = (await pullAll(server, b, 'test_sessions')).documents.find((d) => d.pk === second.pk)!;
    const done = edited(mine, { is_completed: true, completed_at: '2026-03-01T07:40:00.000Z' });
    const finish = await push(server, b, 'test_sessions', [{ assumedMasterState: mine, newDocumentState: done }]);
    expect([finish.statusCode, finish.json()], finish.body).toEqual([200, []]);
    expect((await stored(second.pk)).needs_review).toBe(false);
  });

  it('refuses a station writing the review flag itself', async () => {
    const token = await invitation('selfish@example.org');
    const session = sessionOn(a, token, '2026-03-01T11:00:00.000Z', { needs_review: false });
    const res = await push(server, a, 'test_sessions', [{ newDocumentState: session }]);
    expect(res.statusCode).toBe(403);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]!.field).toContain('needs_review');
  });
});
