import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { entities, kinds, type Kind } from '../../src-shared/domain/registry';
import { UserRole } from '../../src-shared/domain/enums';
import {
  filterFields,
  permissionTable,
  accessFor,
  collectionsForRole,
  stripHidden,
} from '../../src-shared/permissions';
import { serverOnly } from '../../src-shared/storage/layout';
import type { WireDoc } from '../../src-shared/sync/wire';
import { readRows } from '../../src-server/db/rows';
import {
  answer,
  assessment,
  assessmentToken,
  edited,
  interview,
  notification,
  proctoringEvent,
  question,
} from './fixtures';
import { create, pull, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam } from './exam-fixture';

describe('the permission table', () => {
  it('names only fields its entities have, and strips only optional fields', () => {
    for (const role of UserRole.options) {
      for (const [kind, rule] of Object.entries(permissionTable[role]) as [
        Kind,
        NonNullable<(typeof permissionTable)['admin'][Kind]>,
      ][]) {
        const pairs = [
          ...filterFields(kind, rule.pull),
          ...(rule.push ? filterFields(kind, rule.push.rows) : []),
          ...(rule.withhold ?? []).flatMap((w) => filterFields(kind, w.until)),
        ];
        for (const [k, field] of pairs) expect(entities[k].fields, `${role}/${kind}: ${k}.${field}`).toContain(field);
        const withheld = (rule.withhold ?? []).flatMap((w) => w.fields);
        for (const field of [
          ...(rule.strip ?? []),
          ...withheld,
          ...(rule.push && rule.push.fields !== 'all' ? rule.push.fields : []),
        ]) {
          expect(entities[kind].fields, `${role}/${kind}: ${field}`).toContain(field);
        }
        // A client stores what it pulls, so a stripped field must be one a valid document may lack.
        for (const field of [...(rule.strip ?? []), ...withheld]) {
          expect((entities[kind].shape as Record<string, z.ZodType>)[field]!.safeParse(undefined).success, field).toBe(
            true,
          );
        }
      }
    }
  });

  it('withholds candidates’ scores until released, and never lets a push write a withheld field', () => {
    const access = accessFor('candidate', 'test_session')!;
    expect(access.withheld.map((w) => [...w.fields])).toEqual([['correct_answers', 'score_percentage']]);
    expect(access.concealed.has('score_percentage')).toBe(true);
    const doc = { session_id: 's', score_percentage: 50, correct_answers: 1, is_scored: true };
    expect(stripHidden(doc, access)).toEqual({ session_id: 's', is_scored: true });
    expect(stripHidden(doc, access, [false])).toEqual({ session_id: 's', is_scored: true });
    expect(stripHidden(doc, access, [true])).toEqual(doc);
    expect(accessFor('proctor', 'test_session')!.withheld).toEqual([]);
  });

  it('gives nobody server-only kinds, and hides secrets from everyone', () => {
    for (const role of UserRole.options) {
      for (const kind of Object.keys(serverOnly) as Kind[]) expect(permissionTable[role][kind]).toBeUndefined();
      expect(accessFor(role, 'user')!.hidden.has('password_hash')).toBe(true);
      for (const kind of kinds) {
        const access = accessFor(role, kind);
        for (const field of entities[kind].serverOwned) expect(access?.push?.writable.has(field) ?? false).toBe(false);
      }
    }
  });

  it('lets every role replicate at most the collections its window opens', () => {
    expect(collectionsForRole('candidate')).not.toContain('requisitions');
    expect(collectionsForRole('super_admin')).toHaveLength(12);
  });
});

let server: TestServer;
let admin: TestUser;
let recruiter: TestUser;
let alice: TestUser;
let bob: TestUser;
let proctor: TestUser;
let interviewer: TestUser;
let set: WireDoc;
let q: WireDoc;
let aliceSession: WireDoc;
let bobSession: WireDoc;

beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server, 'admin');
  recruiter = await signUp(server, 'recruiter');
  alice = await signUp(server, 'candidate');
  bob = await signUp(server, 'candidate');
  proctor = await signUp(server, 'proctor');
  interviewer = await signUp(server, 'interviewer');
  const exam = await setUpExam(server, admin, [alice, bob], { questions: 1 });
  set = exam.set;
  q = exam.questions[0]!;
  aliceSession = exam.session(alice);
  bobSession = exam.session(bob);
  await create(server, alice, 'test_sessions', [aliceSession]);
  await create(server, bob, 'test_sessions', [bobSession]);
});
afterAll(() => server.close());

describe('pull', () => {
  it('strips the answer key for candidates but not for recruiters', async () => {
    const forAlice = (await pullAll(server, alice, 'question_bank')).documents.find((d) => d.pk === q.pk)!;
    const forRecruiter = (await pullAll(server, recruiter, 'question_bank')).documents.find((d) => d.pk === q.pk)!;
    expect(forAlice).not.toHaveProperty('correct_answer');
    expect(forRecruiter.correct_answer).toBe('A');
  });

  it('shows candidates only their own sessions and answers', async () => {
    await create(server, bob, 'answers', [answer(bobSession.pk, q.pk)]);
    expect((await pullAll(server, alice, 'test_sessions')).documents.map((d) => d.pk)).toEqual([aliceSession.pk]);
    expect((await pullAll(server, alice, 'answers')).documents).toEqual([]);
    expect((await pullAll(server, proctor, 'answers')).documents).toHaveLength(1);
  });

  it('shows each user only their own notifications', async () => {
    await create(server, admin, 'inbox', [notification(alice.id), notification(bob.id)]);
    const mine = (await pullAll(server, alice, 'inbox')).documents;
    expect(mine.map((d) => d.user_id)).toEqual([alice.id]);
    expect((await pullAll(server, admin, 'inbox')).documents).toEqual([]);
  });

  it('shows interviewers only the interviews they are assigned to', async () => {
    const lead = interview(interviewer.id);
    const panel = interview(recruiter.id, { additional_interviewers: [interviewer.id] });
    const other = interview(recruiter.id);
    await create(server, recruiter, 'interviews', [lead, panel, other]);
    const seen = (await pullAll(server, interviewer, 'interviews')).documents.map((d) => d.pk).sort();
    expect(seen).toEqual([lead.pk, panel.pk].sort());
  });

  it('refuses collections a role has no part of', async () => {
    const res = await pull(server, alice, 'requisitions');
    expect(res.statusCode).toBe(403);
  });
});

describe('push', () => {
  it('never takes server-owned fields from a client', async () => {
    const a = answer(aliceSession.pk, q.pk, { is_correct: true });
    await create(server, alice, 'answers', [a]);
    const stored = (await readRows(server.sql, 'answer', [a.pk])).get(a.pk)!;
    expect(stored.doc).not.toHaveProperty('is_correct');
    const scored = edited(aliceSession, { score_percentage: 100, is_scored: true, correct_answers: 2 });
    expect(
      (
        await push(server, alice, 'test_sessions', [{ assumedMasterState: aliceSession, newDocumentState: scored }])
      ).json(),
    ).toEqual([]);
    const session = (await readRows(server.sql, 'test_session', [aliceSession.pk])).get(aliceSession.pk)!.doc;
    expect(session).toMatchObject({ is_scored: false, updated_at: scored.updated_at });
    expect(session).not.toHaveProperty('score_percentage');
    aliceSession = { ...scored, is_scored: false } as WireDoc;
    delete aliceSession.score_percentage;
    delete aliceSession.correct_answers;
  });

  it("refuses writes into someone else's rows", async () => {
    const intoBob = await push(server, alice, 'answers', [{ newDocumentState: answer(bobSession.pk, q.pk) }]);
    expect(intoBob.statusCode).toBe(403);
    const stealSession = await push(server, alice, 'test_sessions', [
      { assumedMasterState: bobSession, newDocumentState: edited(bobSession, { candidate_name: 'Alice' }) },
    ]);
    expect(stealSession.statusCode).toBe(403);
    const moveAway = await push(server, alice, 'test_sessions', [
      {
        assumedMasterState: aliceSession,
        newDocumentState: edited(aliceSession, { user_id: bob.id, candidate_email: bob.email }),
      },
    ]);
    expect(moveAway.statusCode).toBe(403);
    expect(moveAway.json().errors[0]).toMatchObject({ rule: 'not_owner' });
  });

  it('refuses kinds a role may only read, and creating or deleting where the table says so', async () => {
    const res = await push(server, alice, 'question_bank', [{ newDocumentState: question(set.pk) }]);
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0]).toMatchObject({ field: 'body.0.newDocumentState.kind', rule: 'forbidden' });
    const del = await push(server, alice, 'test_sessions', [
      { assumedMasterState: aliceSession, newDocumentState: { ...aliceSession, _deleted: true } },
    ]);
    expect(del.statusCode).toBe(403);
    expect(del.json().errors[0].rule).toBe('delete_forbidden');
  });

  it('lets a candidate read their invitation without its code, and never write it', async () => {
    const exam = assessment(recruiter.id);
    const invite = assessmentToken(exam.pk, recruiter.id, alice.email);
    await create(server, recruiter, 'assessments', [exam, invite]);
    const seen = (await pullAll(server, alice, 'assessments')).documents.find((d) => d.pk === invite.pk)!;
    expect(seen).not.toHaveProperty('token');
    expect(seen.token_hash).toBe(invite.token_hash);
    // Whether an invitation is used is the server's rule: a device that could set it could also reopen it.
    const use = edited(seen, { is_used: true, used_at: '2026-03-01T10:00:00.000Z' });
    const marked = await push(server, alice, 'assessments', [{ assumedMasterState: seen, newDocumentState: use }]);
    expect(marked.statusCode).toBe(403);
    expect(marked.json().errors[0].rule).toBe('forbidden');
    const stored = (await readRows(server.sql, 'assessment_token', [invite.pk])).get(invite.pk)!.doc;
    expect(stored).toMatchObject({ is_used: false, token: invite.token });
    const forge = await push(server, alice, 'assessments', [
      { newDocumentState: assessmentToken(exam.pk, recruiter.id, alice.email) },
    ]);
    expect(forge.statusCode).toBe(403);
  });

  it('lets proctors review events but not rewrite them', async () => {
    const event = proctoringEvent(aliceSession.pk);
    await create(server, alice, 'proctoring_events', [event]);
    const review = edited(event, {
      reviewed: true,
      reviewed_by: proctor.id,
      reviewed_at: '2026-03-01T11:00:00.000Z',
      flagged: true,
    });
    expect(
      (
        await push(server, proctor, 'proctoring_events', [{ assumedMasterState: event, newDocumentState: review }])
      ).json(),
    ).toEqual([]);
    const rewrite = await push(server, proctor, 'proctoring_events', [
      { assumedMasterState: review, newDocumentState: edited(review, { severity: 'low' }) },
    ]);
    expect(rewrite.statusCode).toBe(403);
    const selfReview = await push(server, alice, 'proctoring_events', [
      { newDocumentState: proctoringEvent(aliceSession.pk, { flagged: true }) },
    ]);
    expect(selfReview.json().errors[0]).toMatchObject({
      field: 'body.0.newDocumentState.flagged',
      rule: 'not_writable',
    });
  });

  it('keeps fields immutable after creation', async () => {
    const res = await push(server, alice, 'test_sessions', [
      {
        assumedMasterState: aliceSession,
        newDocumentState: edited(aliceSession, { started_at: '2026-03-02T00:00:00.000Z' }),
      },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'body.0.newDocumentState.started_at', rule: 'immutable' });
  });

  it('lets proctors set their own station PIN verifier, which nobody else but stations receives', async () => {
    const other = await signUp(server, 'proctor');
    const mine = (await pullAll(server, proctor, 'users')).documents.find((d) => d.pk === proctor.id)!;
    const verifier = 'scrypt$15$8$1$c2FsdA$dmVyaWZpZXI';
    const res = await push(server, proctor, 'users', [
      { assumedMasterState: mine, newDocumentState: edited(mine, { proctor_pin_hash: verifier }) },
    ]);
    expect([res.statusCode, res.json()]).toEqual([200, []]);
    const own = (await pullAll(server, proctor, 'users')).documents.find((d) => d.pk === proctor.id)!;
    expect(own.proctor_pin_hash).toBe(verifier);
    const seenByOther = (await pullAll(server, other, 'users')).documents.find((d) => d.pk === proctor.id)!;
    expect(seenByOther).not.toHaveProperty('proctor_pin_hash');

    // Another proctor's PIN stays out of reach: not their row to write.
    const theirs = (await pullAll(server, proctor, 'users')).documents.find((d) => d.pk === other.id)!;
    const forged = await push(server, proctor, 'users', [
      { assumedMasterState: theirs, newDocumentState: edited(theirs, { proctor_pin_hash: verifier }) },
    ]);
    expect(forged.statusCode).toBe(403);
    expect((await readRows(server.sql, 'user', [other.id])).get(other.id)!.doc.proctor_pin_hash).toBeUndefined();
  });

  it('stops admins from creating or editing super admins', async () => {
    const users = (await pullAll(server, admin, 'users')).documents;
    const me = users.find((d) => d.pk === admin.id)!;
    const promote = await push(server, admin, 'users', [
      { assumedMasterState: me, newDocumentState: edited(me, { role: 'super_admin' }) },
    ]);
    expect(promote.statusCode).toBe(403);
  });
});
