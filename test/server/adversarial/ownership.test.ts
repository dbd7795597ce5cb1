import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../../src-shared/storage/layout';
import type { Kind } from '../../../src-shared/domain/registry';
import type { WireDoc } from '../../../src-shared/sync/wire';
import { readRows } from '../../../src-server/db/rows';
import { setUpExam, type Exam } from '../exam-fixture';
import {
  afterT0,
  applicationNote,
  assessment,
  assessmentToken,
  candidateProfile,
  edited,
  feedback,
  interview,
  proctoringEvent,
} from '../fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from '../harness';
import { signInStation, type TestStation } from '../station-harness';

/*
 * Writing in someone else's name, replayed through real HTTP. Every identity
 * field must name the sender (src-shared/permissions/ownership.ts); stations
 * create sessions only for the invitee of a token in their bundle. Each case
 * checks that nothing was stored and that the victim's records are as before.
 * The permission matrix asserts the same rule on every role × kind cell.
 */

let server: TestServer;
let superAdmin: TestUser;
let admin: TestUser;
let recruiter: TestUser;
let otherRecruiter: TestUser;
let proctor: TestUser;
let otherProctor: TestUser;
let interviewer: TestUser;
let alice: TestUser;
let mallory: TestUser;
let exam: Exam;
let station: TestStation;

beforeAll(async () => {
  server = await startServer();
  superAdmin = await signUp(server, 'super_admin');
  admin = await signUp(server, 'admin');
  recruiter = await signUp(server, 'recruiter');
  otherRecruiter = await signUp(server, 'recruiter');
  proctor = await signUp(server, 'proctor');
  otherProctor = await signUp(server, 'proctor');
  interviewer = await signUp(server, 'interviewer');
  alice = await signUp(server, 'candidate');
  mallory = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, [alice, mallory, { email: 'walk-in@example.org' }]);
  station = await signInStation(server, proctor.email, [exam.assessment.pk]);
});
afterAll(() => server.close());

const row = async (kind: Kind, id: string) => (await readRows(server.sql, kind, [id])).get(id);
const user = async (id: string) => (await row('user', id))!.doc;

async function refused(
  who: TestUser,
  collection: CollectionName,
  doc: WireDoc,
  expected: { status: number; rule: string; field?: string },
  assumed?: WireDoc,
) {
  const before = await row(doc.kind, doc.pk);
  const res = await push(server, who, collection, [{ assumedMasterState: assumed ?? null, newDocumentState: doc }]);
  expect(res.statusCode, res.body).toBe(expected.status);
  const problem = res.json().errors[0];
  expect(problem.rule, res.body).toBe(expected.rule);
  if (expected.field) expect(problem.field).toBe(`body.0.newDocumentState.${expected.field}`);
  expect(await row(doc.kind, doc.pk), 'nothing stored').toEqual(before);
}

describe('a candidate’s session names the candidate, in both identity fields', () => {
  it('refuses another candidate’s user_id with her own email, and the reverse', async () => {
    const streak = (await user(alice.id)).quiz_streak;
    const asAlice = exam.session(mallory, { user_id: alice.id });
    await refused(mallory, 'test_sessions', asAlice, { status: 403, rule: 'not_owner', field: 'user_id' });
    const alicesEmail = exam.session(alice, { user_id: mallory.id });
    await refused(mallory, 'test_sessions', alicesEmail, { status: 403, rule: 'not_owner', field: 'candidate_email' });
    const emailOnly = exam.session(alice, { user_id: undefined });
    await refused(mallory, 'test_sessions', emailOnly, { status: 403, rule: 'not_owner', field: 'candidate_email' });
    expect((await pullAll(server, alice, 'test_sessions')).documents).toEqual([]);
    expect((await user(alice.id)).quiz_streak).toBe(streak);
  });

  it('refuses moving her own session into someone else’s name', async () => {
    const session = exam.session(mallory);
    await create(server, mallory, 'test_sessions', [session]);
    for (const change of [{ user_id: alice.id }, { candidate_email: alice.email }, { candidate_email: 'X@x.org' }]) {
      await refused(mallory, 'test_sessions', edited(session, change), { status: 403, rule: 'not_owner' }, session);
    }
  });
});

describe('an exam station', () => {
  it('cannot name an account on a session, not even a super admin’s', async () => {
    const onBehalf = exam.session({ email: 'walk-in@example.org' }, { user_id: superAdmin.id, station_id: station.id });
    await refused(station, 'test_sessions', onBehalf, { status: 403, rule: 'not_writable', field: 'user_id' });
    const before = await user(superAdmin.id);
    expect(before.quiz_streak).toBe(0);
  });

  it('opens sessions only for the invitee of a token in its bundle', async () => {
    const token = exam.tokens.get('walk-in@example.org')!;
    const stranger = exam.session(
      { email: 'stranger@example.org' },
      { assessment_token_id: token.pk, station_id: station.id },
    );
    await refused(station, 'test_sessions', stranger, {
      status: 403,
      rule: 'not_invited',
      field: 'assessment_token_id',
    });
    // A token of an assessment the station does not serve.
    const elsewhere = assessment(admin.id, { question_set_id: exam.set.pk });
    const foreignToken = assessmentToken(elsewhere.pk, admin.id, 'walk-in@example.org');
    await create(server, admin, 'assessments', [elsewhere, foreignToken]);
    const outOfScope = exam.session(
      { email: 'walk-in@example.org' },
      { assessment_token_id: foreignToken.pk, station_id: station.id },
    );
    await refused(station, 'test_sessions', outOfScope, { status: 403, rule: 'not_invited' });
    // The invitee, on her own token: accepted, stamped with the station.
    const invitee = exam.session({ email: 'walk-in@example.org' }, { station_id: station.id });
    await create(server, station, 'test_sessions', [invitee]);
    expect((await row('test_session', invitee.pk))!.doc).toMatchObject({ station_id: station.id });
  });

  it('creates candidate records only for invitees', async () => {
    await refused(station, 'candidates', candidateProfile('stranger@example.org'), { status: 403, rule: 'forbidden' });
    await create(server, station, 'candidates', [candidateProfile('walk-in@example.org')]);
  });
});

describe('actor fields name whoever writes them, admins included', () => {
  it('refuses a note in another recruiter’s name', async () => {
    await refused(recruiter, 'applications', applicationNote(otherRecruiter.id), {
      status: 403,
      rule: 'not_owner',
      field: 'author_id',
    });
    await refused(admin, 'applications', applicationNote(recruiter.id), { status: 403, rule: 'not_owner' });
  });

  it('refuses a review signed by another proctor, and leaves an earlier reviewer’s name alone', async () => {
    const session = exam.session(alice);
    await create(server, alice, 'test_sessions', [session]);
    const event = proctoringEvent(session.pk);
    await create(server, alice, 'proctoring_events', [event]);
    const review = { reviewed: true, reviewed_at: afterT0(90), reviewer_notes: 'Fine' };
    await refused(
      proctor,
      'proctoring_events',
      edited(event, { ...review, reviewed_by: otherProctor.id }),
      { status: 403, rule: 'not_owner', field: 'reviewed_by' },
      event,
    );
    const mine = edited(event, { ...review, reviewed_by: proctor.id });
    expect(
      (
        await push(server, proctor, 'proctoring_events', [{ assumedMasterState: event, newDocumentState: mine }])
      ).json(),
    ).toEqual([]);
    // Another proctor flags the event: the first one's review keeps its name.
    const flagged = edited(mine, { flagged: true });
    const res = await push(server, otherProctor, 'proctoring_events', [
      { assumedMasterState: mine, newDocumentState: flagged },
    ]);
    expect(res.json()).toEqual([]);
    expect((await row('proctoring_event', event.pk))!.doc).toMatchObject({ reviewed_by: proctor.id, flagged: true });
  });

  it('refuses feedback in another interviewer’s name, also from an admin', async () => {
    const meeting = interview(interviewer.id);
    await create(server, recruiter, 'interviews', [meeting]);
    await refused(admin, 'interviews', feedback(meeting.pk, interviewer.id), {
      status: 403,
      rule: 'not_owner',
      field: 'interviewer_id',
    });
  });

  it('refuses assessments and invitations created in someone else’s name', async () => {
    await refused(recruiter, 'assessments', assessment(admin.id), {
      status: 403,
      rule: 'not_owner',
      field: 'created_by',
    });
    await refused(superAdmin, 'assessments', assessmentToken(exam.assessment.pk, recruiter.id, 'x@example.org'), {
      status: 403,
      rule: 'not_owner',
      field: 'created_by',
    });
    // Editing someone else's assessment is no write in their name: its created_by stays.
    const edit = edited(exam.assessment, { title: 'Backend exam (v2)' });
    const res = await push(server, recruiter, 'assessments', [
      { assumedMasterState: exam.assessment, newDocumentState: edit },
    ]);
    expect([res.statusCode, res.json()], res.body).toEqual([200, []]);
    expect((await row('assessment', exam.assessment.pk))!.doc).toMatchObject({ created_by: admin.id });
  });
});
