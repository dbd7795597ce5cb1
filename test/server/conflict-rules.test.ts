import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities, kinds, type Kind } from '../../src-shared/domain/registry';
import { serverOnly } from '../../src-shared/storage/layout';
import { conflictRules, frozenFields, type ReplicatedKind } from '../../src-shared/sync/conflict-rules';
import { isRuleRefusal } from '../../src-shared/sync/field-merge';
import type { WireDoc } from '../../src-shared/sync/wire';
import { readRows } from '../../src-server/db/rows';
import { applicationNote, candidateProfile, edited, feedback, interview, proctoringEvent } from './fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam, type Exam } from './exam-fixture';

/* Every rule of the conflict table (src-shared/sync/conflict-rules.ts) but answers', through HTTP. */

let server: TestServer;
let superAdmin: TestUser;
let admin: TestUser;
let recruiter: TestUser;
let interviewer: TestUser;
let proctor: TestUser;
let alice: TestUser;
let exam: Exam;

beforeAll(async () => {
  server = await startServer();
  superAdmin = await signUp(server, 'super_admin');
  admin = await signUp(server, 'admin');
  recruiter = await signUp(server, 'recruiter');
  interviewer = await signUp(server, 'interviewer');
  proctor = await signUp(server, 'proctor');
  alice = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, [alice]);
});
afterAll(() => server.close());

const stored = async (kind: Kind, id: string) => (await readRows(server.sql, kind, [id])).get(id)!;
const update = (user: TestUser, collection: Parameters<typeof push>[2], from: WireDoc, to: WireDoc) =>
  push(server, user, collection, [{ assumedMasterState: from, newDocumentState: to }]);

describe('the conflict table', () => {
  it('states a rule for every replicated kind, naming only fields the entity has', () => {
    const replicated = kinds.filter((k) => !(k in serverOnly));
    expect(Object.keys(conflictRules).sort()).toEqual([...replicated].sort());
    for (const [kind, rule] of Object.entries(conflictRules) as [ReplicatedKind, (typeof conflictRules)['user']][]) {
      const freeze = rule.freeze;
      if (!freeze) continue;
      const fields: string[] = entities[kind].fields;
      const named = freeze.fields === 'all' ? [] : 'only' in freeze.fields ? freeze.fields.only : freeze.fields.except;
      for (const field of named) expect(fields, `${kind}.${field}`).toContain(field);
      if (freeze.once !== 'created') expect(fields).toContain(freeze.once.isTrue);
      expect(frozenFields(kind, freeze).length, kind).toBeGreaterThan(0);
    }
    expect(conflictRules.answer.answerWindow).toBe(true);
  });
});

describe('proctoring events are append-only', () => {
  it('keep what was detected, whoever pushes, and take only a proctor’s review', async () => {
    const session = await exam.freshSession(alice);
    await create(server, alice, 'test_sessions', [session]);
    const event = proctoringEvent(session.pk);
    await create(server, alice, 'proctoring_events', [event]);

    const rewrite = edited(event, { severity: 'low', duration_seconds: 0, metadata: {} });
    const refused = await update(alice, 'proctoring_events', event, rewrite);
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toEqual([event]);
    // The device can tell a refusal from a concurrent write, and takes the master.
    expect(isRuleRefusal('proctoring_event', event, refused.json<WireDoc[]>()[0]!)).toBe(true);
    expect((await stored('proctoring_event', event.pk)).doc).toMatchObject({
      severity: 'medium',
      duration_seconds: 1.5,
    });

    const deleted = await update(alice, 'proctoring_events', event, { ...event, _deleted: true });
    expect(deleted.statusCode).toBe(403);
    expect(deleted.json().errors[0].rule).toBe('delete_forbidden');

    const review = edited(event, {
      reviewed: true,
      reviewed_by: proctor.id,
      reviewed_at: '2026-03-01T11:00:00.000Z',
      reviewer_notes: 'Looked away once',
      flagged: true,
    });
    expect((await update(proctor, 'proctoring_events', event, review)).json()).toEqual([]);
    // Not even an administrator rewrites the evidence.
    for (const change of [{ severity: 'high' }, { metadata: { screen: 1 } }, { snapshot_url: 'x.png' }]) {
      const res = await update(superAdmin, 'proctoring_events', review, edited(review, change));
      expect(res.json(), JSON.stringify(change)).toEqual([review]);
    }
    // Fields the entity itself fixes at creation are refused as an error, as for every kind.
    const retype = await update(superAdmin, 'proctoring_events', review, edited(review, { event_type: 'no_face' }));
    expect(retype.statusCode).toBe(400);
    expect(retype.json().errors[0]).toMatchObject({ field: 'body.0.newDocumentState.event_type', rule: 'immutable' });
    // Retention: administrators may delete.
    expect((await update(superAdmin, 'proctoring_events', review, { ...review, _deleted: true })).json()).toEqual([]);
    expect((await stored('proctoring_event', event.pk)).deleted).toBe(true);
  });
});

describe('interview feedback is locked once final', () => {
  it('refuses every change after is_final except an admin’s, and deletion by anyone else', async () => {
    const meeting = interview(interviewer.id);
    await create(server, recruiter, 'interviews', [meeting]);
    const draft = feedback(meeting.pk, interviewer.id);
    await create(server, interviewer, 'interviews', [draft]);
    const better = edited(draft, { overall_rating: 4, strengths: 'Clear reasoning' });
    expect((await update(interviewer, 'interviews', draft, better)).json()).toEqual([]);
    const final = edited(better, { is_final: true, submitted_at: '2026-03-10T12:00:00.000Z', recommendation: 'hire' });
    expect((await update(interviewer, 'interviews', better, final)).json()).toEqual([]);

    for (const change of [{ overall_rating: 5 }, { is_final: false }, { detailed_notes: 'An afterthought' }]) {
      const res = await update(interviewer, 'interviews', final, edited(final, change));
      expect(res.json(), JSON.stringify(change)).toEqual([final]);
      expect(isRuleRefusal('interview_feedback', final, res.json<WireDoc[]>()[0]!)).toBe(true);
    }
    expect((await stored('interview_feedback', draft.pk)).doc).toMatchObject({ overall_rating: 4, is_final: true });
    expect((await update(interviewer, 'interviews', final, { ...final, _deleted: true })).statusCode).toBe(403);
    expect((await update(recruiter, 'interviews', final, edited(final, { overall_rating: 1 }))).statusCode).toBe(403);

    const corrected = edited(final, { overall_rating: 4.5 });
    expect((await update(admin, 'interviews', final, corrected)).json()).toEqual([]);
    expect((await update(admin, 'interviews', corrected, { ...corrected, _deleted: true })).json()).toEqual([]);
    expect((await stored('interview_feedback', draft.pk)).deleted).toBe(true);
  });
});

describe('a completed test session', () => {
  it('cannot be reopened or re-scoped by its station, and stays editable elsewhere', async () => {
    const session = await exam.freshSession(alice);
    await create(server, alice, 'test_sessions', [session]);
    const done = edited(session, { is_completed: true, completed_at: '2026-03-01T10:00:00.000Z' });
    expect((await update(alice, 'test_sessions', session, done)).json()).toEqual([]);
    const master = (await pullAll(server, alice, 'test_sessions')).documents.find((d) => d.pk === session.pk)!;

    const reopen = { ...edited(done, { is_completed: false }) };
    delete reopen.completed_at;
    for (const attempt of [reopen, edited(done, { user_id: undefined })]) {
      const res = await update(alice, 'test_sessions', done, attempt);
      expect(res.json()).toEqual([master]);
      expect(isRuleRefusal('test_session', done, res.json<WireDoc[]>()[0]!)).toBe(true);
    }
    // The question list is the server's: a device's other list is not taken, before or after submission.
    const rescoped = edited(done, { question_ids: [exam.questions[0]!.pk], total_questions: 1 });
    expect((await update(alice, 'test_sessions', done, rescoped)).json()).toEqual([]);
    expect((await stored('test_session', session.pk)).doc).toMatchObject({
      question_ids: session.question_ids,
      total_questions: 2,
    });
    expect(
      (await update(alice, 'test_sessions', rescoped, edited(rescoped, { duration_seconds: 3000 }))).json(),
    ).toEqual([]);
    const latest = (await pullAll(server, alice, 'test_sessions')).documents.find((d) => d.pk === session.pk)!;
    expect((await update(superAdmin, 'test_sessions', latest, edited(latest, { is_completed: false }))).json()).toEqual(
      [],
    );
  });
});

describe('notes merge field by field, the later write winning a field both changed', () => {
  it('keeps both devices’ edits of different fields', async () => {
    const note = applicationNote(recruiter.id);
    await create(server, recruiter, 'applications', [note]);
    const laptop = edited(note, { note_text: 'Strong SQL and Go' });
    expect((await update(recruiter, 'applications', note, laptop)).json()).toEqual([]);
    // The phone still holds the original and changes another field, a second later.
    const phone = edited(laptop, { note_text: note.note_text, note_type: 'follow_up' });
    expect((await update(recruiter, 'applications', note, phone)).json()).toEqual([]);
    const merged = (await pullAll(server, recruiter, 'applications')).documents.find((d) => d.pk === note.pk);
    expect(merged).toEqual({
      ...note,
      note_text: 'Strong SQL and Go',
      note_type: 'follow_up',
      updated_at: phone.updated_at,
    });
  });

  it('gives a field both changed to the later updated_at, and keeps the master on a tie', async () => {
    const note = applicationNote(recruiter.id);
    await create(server, recruiter, 'applications', [note]);
    const first = edited(note, { note_text: 'First' });
    expect((await update(recruiter, 'applications', note, first)).json()).toEqual([]);

    const later = edited(first, { note_text: 'Later' });
    expect((await update(recruiter, 'applications', note, later)).json()).toEqual([]);
    expect((await stored('application_note', note.pk)).doc).toMatchObject({ note_text: 'Later' });

    // Written before the master: nothing of it survives, so the device gets the master.
    const earlier = { ...first, note_text: 'Earlier', updated_at: first.updated_at };
    expect((await update(recruiter, 'applications', note, earlier)).json()).toEqual([later]);
    const tie = { ...later, note_text: 'Tie' };
    expect((await update(recruiter, 'applications', note, tie)).json()).toEqual([later]);
    // A stale deletion gives way to the edit it did not see.
    expect((await update(recruiter, 'applications', note, { ...note, _deleted: true })).json()).toEqual([later]);
    expect((await stored('application_note', note.pk)).doc).toMatchObject({ note_text: 'Later' });
  });
});

describe('profiles merge field by field', () => {
  it('keeps a recruiter’s and the candidate’s concurrent edits of a candidate profile', async () => {
    const profile = candidateProfile(alice.email);
    await create(server, recruiter, 'candidates', [profile]);
    const byRecruiter = edited(profile, { phone: '+44 20 7946 0000', cv_file_id: 'file-1' });
    expect((await update(recruiter, 'candidates', profile, byRecruiter)).json()).toEqual([]);
    // Alice's station never saw that; she may not set cv_file_id, and did not.
    const byAlice = edited(byRecruiter, { location: 'Leeds' });
    delete byAlice.phone;
    delete byAlice.cv_file_id;
    expect((await update(alice, 'candidates', profile, byAlice)).json()).toEqual([]);
    expect((await stored('candidate', profile.pk)).doc).toMatchObject({
      phone: '+44 20 7946 0000',
      cv_file_id: 'file-1',
      location: 'Leeds',
    });
  });

  it('keeps a user’s own name change and an admin’s concurrent account change', async () => {
    const own = (await pullAll(server, recruiter, 'users')).documents.find((d) => d.pk === recruiter.id)!;
    const seenByAdmin = (await pullAll(server, admin, 'users')).documents.find((d) => d.pk === recruiter.id)!;
    const renamed = { ...own, full_name: 'Rita Recruiter', updated_at: '2030-01-01T00:00:00.000Z' };
    expect((await update(recruiter, 'users', own, renamed)).json()).toEqual([]);
    const verified = { ...seenByAdmin, is_verified: true, updated_at: '2030-01-01T00:00:01.000Z' };
    expect((await update(admin, 'users', seenByAdmin, verified)).json()).toEqual([]);
    expect((await stored('user', recruiter.id)).doc).toMatchObject({ full_name: 'Rita Recruiter', is_verified: true });
  });
});

describe('every other kind', () => {
  it('answers a stale push with the master (RxDB’s default), leaving the merge to the device', async () => {
    const meeting = interview(interviewer.id);
    await create(server, recruiter, 'interviews', [meeting]);
    const moved = edited(meeting, { scheduled_at: '2026-03-11T10:00:00.000Z' });
    expect((await update(recruiter, 'interviews', meeting, moved)).json()).toEqual([]);
    const stale = edited(meeting, { meeting_room: 'Room 4' });
    const res = await update(recruiter, 'interviews', meeting, stale);
    expect(res.json()).toEqual([moved]);
    expect(isRuleRefusal('interview_session', meeting, res.json<WireDoc[]>()[0]!)).toBe(false);
  });
});
