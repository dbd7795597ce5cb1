import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDoc } from '../../../src-shared/sync/wire';
import { readRows } from '../../../src-server/db/rows';
import { setUpExam, type Exam } from '../exam-fixture';
import { afterT0, assessmentToken, edited } from '../fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from '../harness';
import { signInStation, type TestStation } from '../station-harness';

/*
 * Reopening a used invitation, replayed through real HTTP. `is_used` only
 * goes from false to true: by the server's own rule when a session naming the
 * invitation arrives (sync/token-reuse.ts), or by an administrator revoking an
 * unused one. Nobody sets it back (conflict-rules.ts freezes it once true).
 */

let server: TestServer;
let admin: TestUser;
let recruiter: TestUser;
let proctor: TestUser;
let alice: TestUser;
let exam: Exam;
let station: TestStation;

beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server, 'admin');
  recruiter = await signUp(server, 'recruiter');
  proctor = await signUp(server, 'proctor');
  alice = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, [alice, { email: 'walk-in@example.org' }]);
  station = await signInStation(server, proctor.email, [exam.assessment.pk]);
});
afterAll(() => server.close());

const token = async (id: string) => (await readRows(server.sql, 'assessment_token', [id])).get(id)!.doc;
const seenBy = async (user: TestUser, id: string) =>
  (await pullAll(server, user, 'assessments')).documents.find((d) => d.pk === id)!;

async function used(taker: { id?: string; email: string }, by: TestUser) {
  const session = exam.session(taker, by === station ? { station_id: station.id, user_id: undefined } : {});
  await create(server, by, 'test_sessions', [session]);
  const id = session.assessment_token_id as string;
  expect(await token(id)).toMatchObject({ is_used: true, used_at: session.started_at });
  return id;
}

describe('a used invitation', () => {
  it('is marked used by the server when its session arrives, and a candidate cannot reopen it', async () => {
    const id = await used(alice, alice);
    const mine = await seenBy(alice, id);
    const reopen = edited(mine, { is_used: false });
    delete reopen.used_at;
    const res = await push(server, alice, 'assessments', [{ assumedMasterState: mine, newDocumentState: reopen }]);
    expect(res.statusCode).toBe(403);
    expect(await token(id)).toMatchObject({ is_used: true });
  });

  it('cannot be reopened by a station', async () => {
    const id = await used({ email: 'walk-in@example.org' }, station);
    const seen = await seenBy(station, id);
    const reopen = edited(seen, { is_used: false });
    delete reopen.used_at;
    const res = await push(server, station, 'assessments', [{ assumedMasterState: seen, newDocumentState: reopen }]);
    expect(res.statusCode).toBe(403);
    expect(await token(id)).toMatchObject({ is_used: true });
  });

  it('cannot be reopened by a recruiter or an administrator, whose push gets the master back', async () => {
    const invitation = assessmentToken(exam.assessment.pk, admin.id, 'third@example.org');
    await create(server, admin, 'assessments', [invitation]);
    const session = exam.session({ email: 'third@example.org' }, { assessment_token_id: invitation.pk });
    await create(server, admin, 'test_sessions', [session]);
    const master = await seenBy(admin, invitation.pk);
    expect(master.is_used).toBe(true);
    const reopen = edited(master, { is_used: false });
    delete reopen.used_at;
    const byRecruiter = await push(server, recruiter, 'assessments', [
      { assumedMasterState: master, newDocumentState: reopen },
    ]);
    expect(byRecruiter.statusCode).toBe(403);
    expect(byRecruiter.json().errors[0]).toMatchObject({
      field: 'body.0.newDocumentState.is_used',
      rule: 'not_writable',
    });
    const byAdmin = await push(server, admin, 'assessments', [
      { assumedMasterState: master, newDocumentState: reopen },
    ]);
    expect(byAdmin.json()).toEqual([master]);
    const moved = edited(master, { used_at: afterT0(600) });
    expect(
      (await push(server, admin, 'assessments', [{ assumedMasterState: master, newDocumentState: moved }])).json(),
    ).toEqual([master]);
    expect(await token(invitation.pk)).toMatchObject({ is_used: true, used_at: master.used_at });
  });
});

describe('revocation', () => {
  it('is an administrator’s, of an unused invitation, and final', async () => {
    const invitation = assessmentToken(exam.assessment.pk, recruiter.id, 'revoked@example.org');
    await create(server, recruiter, 'assessments', [invitation]);
    const revoke = edited(invitation, { is_used: true, used_at: afterT0(5) });
    const byRecruiter = await push(server, recruiter, 'assessments', [
      { assumedMasterState: invitation, newDocumentState: revoke },
    ]);
    expect(byRecruiter.statusCode).toBe(403);
    expect((await token(invitation.pk)).is_used).toBe(false);
    const byAdmin = await push(server, admin, 'assessments', [
      { assumedMasterState: invitation, newDocumentState: revoke },
    ]);
    expect(byAdmin.json()).toEqual([]);
    expect((await token(invitation.pk)).is_used).toBe(true);
    const back = { ...edited(revoke, { is_used: false }) } as WireDoc;
    delete back.used_at;
    expect(
      (await push(server, admin, 'assessments', [{ assumedMasterState: revoke, newDocumentState: back }])).json(),
    ).toEqual([expect.objectContaining({ pk: invitation.pk, is_used: true })]);
  });
});
