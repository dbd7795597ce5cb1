import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedId } from '../../src-shared/storage/stored-doc';
import type { CollectionName } from '../../src-shared/storage/layout';
import type { WireDoc } from '../../src-shared/sync/wire';
import { assessment, assessmentToken, candidateProfile, edited, interview, question, questionSet } from './fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { signInStation } from './station-harness';

/*
 * Rows that enter or leave a device's pull scope through another row's
 * change (or their own), over HTTP: the next pull from the device's
 * checkpoint brings what became visible and withdraws what stopped being so.
 * The worker runs in the server on every commit; `pulledUntil` pulls until
 * the expected answer arrives, as a device's next sync would.
 */

let server: TestServer;
let admin: TestUser;
let recruiter: TestUser;

beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server, 'admin');
  recruiter = await signUp(server, 'recruiter');
});
afterAll(() => server.close());

/** A device's copy of a collection: pulls from its checkpoint and applies changes and withdrawals. */
class Device {
  readonly docs = new Map<string, WireDoc>();
  private seq = 0;
  constructor(
    private readonly user: TestUser,
    private readonly collection: CollectionName,
  ) {}

  async sync(): Promise<WireDoc[]> {
    const { documents, seq } = await pullAll(server, this.user, this.collection, this.seq);
    this.seq = seq;
    for (const doc of documents) {
      if (doc._deleted) this.docs.delete(`${doc.kind}:${doc.pk}`);
      else this.docs.set(`${doc.kind}:${doc.pk}`, doc);
    }
    return documents;
  }

  has(kind: string, pk: string): boolean {
    return this.docs.has(`${kind}:${pk}`);
  }

  /** Syncs until `check` holds (the scope worker runs just after the commit), or fails after 5 s. */
  async until(check: () => boolean): Promise<WireDoc[]> {
    const seen: WireDoc[] = [];
    for (const deadline = Date.now() + 5000; ;) {
      seen.push(...(await this.sync()));
      if (check()) return seen;
      if (Date.now() > deadline) throw new Error(`not reached; holds ${[...this.docs.keys()].join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function update(user: TestUser, collection: CollectionName, doc: WireDoc, changes: Record<string, unknown>) {
  const next = edited(doc, changes);
  const res = await push(server, user, collection, [{ assumedMasterState: doc, newDocumentState: next }]);
  expect(res.json()).toEqual([]);
  return next;
}

function applicationOf(candidate: WireDoc, exam: WireDoc): WireDoc {
  const id = expectedId('assessment_application', { candidate_id: candidate.pk, assessment_id: exam.pk } as never)!;
  const at = candidate.created_at;
  return {
    ...{ application_id: id, candidate_id: candidate.pk, assessment_id: exam.pk, status: 'pending' },
    ...{ applied_at: at, submitted_skills: [], created_at: at, updated_at: at },
    ...{ pk: id, kind: 'assessment_application', _deleted: false },
  };
}

async function publishedExam() {
  const set = questionSet();
  const q = question(set.pk);
  const exam = assessment(admin.id, { question_set_id: set.pk });
  await create(server, admin, 'question_bank', [set, q]);
  await create(server, admin, 'assessments', [exam]);
  return { set, q, exam };
}

describe('scope changes', () => {
  it('bring an existing candidate and their application to a station once they are invited', async () => {
    const { exam } = await publishedExam();
    const station = await signInStation(server, admin.email, [exam.pk]);
    const candidate = candidateProfile('late.invitee@example.org');
    await create(server, recruiter, 'candidates', [candidate]);
    const application = applicationOf(candidate, exam);
    const appId = application.pk;
    await create(server, recruiter, 'applications', [application]);
    // An invitee created later puts the station's checkpoint past the candidate's change number.
    const earlier = candidateProfile('first.invitee@example.org');
    await create(server, recruiter, 'candidates', [earlier]);
    await create(server, recruiter, 'assessments', [assessmentToken(exam.pk, recruiter.id, earlier.email as string)]);
    await create(server, recruiter, 'applications', [applicationOf(earlier, exam)]);
    const people = new Device(station, 'candidates');
    const applications = new Device(station, 'applications');
    await people.sync();
    await applications.sync();
    expect(people.has('candidate', earlier.pk) && !people.has('candidate', candidate.pk)).toBe(true);

    await create(server, recruiter, 'assessments', [
      assessmentToken(exam.pk, recruiter.id, 'Late.Invitee@example.org'),
    ]);
    await people.until(() => people.has('candidate', candidate.pk));
    await applications.until(() => applications.has('assessment_application', appId));
    // Name and email only, as for every invitee.
    expect(Object.keys(people.docs.get(`candidate:${candidate.pk}`)!).sort()).toEqual(
      ['_deleted', 'candidate_id', 'created_at', 'email', 'full_name', 'kind', 'pk', 'skills', 'updated_at'].sort(),
    );
  });

  it('withdraw a deactivated or demoted proctor’s PIN verifier from every station', async () => {
    const { exam } = await publishedExam();
    const proctors = [await signUp(server, 'proctor'), await signUp(server, 'proctor')];
    for (const p of proctors) {
      const mine = (await pullAll(server, p, 'users')).documents.find((d) => d.pk === p.id)!;
      await update(p, 'users', mine, { proctor_pin_hash: 'scrypt$15$8$1$c2FsdA$dmVyaWZpZXI' });
    }
    const stations = [
      await signInStation(server, admin.email, [exam.pk]),
      await signInStation(server, admin.email, [exam.pk]),
    ];
    const devices = stations.map((s) => new Device(s, 'users'));
    for (const d of devices) await d.sync();
    for (const d of devices) for (const p of proctors) expect(d.has('user', p.id)).toBe(true);

    const current = (await pullAll(server, admin, 'users')).documents;
    await update(
      admin,
      'users',
      current.find((d) => d.pk === proctors[0]!.id)!,
      { is_active: false },
    );
    await update(
      admin,
      'users',
      current.find((d) => d.pk === proctors[1]!.id)!,
      { role: 'recruiter' },
    );
    for (const d of devices) {
      const seen = await d.until(() => !d.has('user', proctors[0]!.id) && !d.has('user', proctors[1]!.id));
      // A withdrawal says which row, and nothing else of it.
      const withdrawn = seen.filter((doc) => doc._deleted);
      expect(withdrawn.map((doc) => Object.keys(doc).sort())).toEqual(
        withdrawn.map(() => ['_deleted', '_withdrawn', 'kind', 'pk']),
      );
    }
  });

  it('move an interview and its candidate from the interviewer taken off to the one put on', async () => {
    const [a, b] = [await signUp(server, 'interviewer'), await signUp(server, 'interviewer')];
    const candidate = candidateProfile('panel.candidate@example.org');
    await create(server, recruiter, 'candidates', [candidate]);
    const meeting = interview(a.id, { candidate_id: candidate.pk });
    await create(server, recruiter, 'interviews', [meeting]);
    const [aInterviews, aPeople, bInterviews, bPeople] = [
      new Device(a, 'interviews'),
      new Device(a, 'candidates'),
      new Device(b, 'interviews'),
      new Device(b, 'candidates'),
    ];
    for (const d of [aInterviews, aPeople, bInterviews, bPeople]) await d.sync();
    expect(aInterviews.has('interview_session', meeting.pk) && aPeople.has('candidate', candidate.pk)).toBe(true);
    expect(bPeople.has('candidate', candidate.pk)).toBe(false);

    await update(recruiter, 'interviews', meeting, { interviewer_id: b.id });
    await aInterviews.until(() => !aInterviews.has('interview_session', meeting.pk));
    await aPeople.until(() => !aPeople.has('candidate', candidate.pk));
    await bInterviews.until(() => bInterviews.has('interview_session', meeting.pk));
    await bPeople.until(() => bPeople.has('candidate', candidate.pk));
  });

  it('take an unpublished assessment, its question set and its questions off the stations', async () => {
    const { set, q, exam } = await publishedExam();
    const station = await signInStation(server, admin.email, [exam.pk]);
    const [exams, bank] = [new Device(station, 'assessments'), new Device(station, 'question_bank')];
    await exams.sync();
    await bank.sync();
    expect(exams.has('assessment', exam.pk) && bank.has('question', q.pk) && bank.has('question_set', set.pk)).toBe(
      true,
    );

    await update(admin, 'assessments', exam, { is_published: false });
    await exams.until(() => !exams.has('assessment', exam.pk));
    await bank.until(() => !bank.has('question', q.pk) && !bank.has('question_set', set.pk));
  });

  it('tell a device nothing about rows it never could see', async () => {
    const { exam } = await publishedExam();
    const other = await publishedExam();
    const station = await signInStation(server, admin.email, [other.exam.pk]);
    const bank = new Device(station, 'question_bank');
    await bank.sync();
    await update(admin, 'assessments', exam, { is_published: false });
    // The other station's entries exist once the worker ran; this one's pull carries none of that exam.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = await bank.sync();
    expect(seen.filter((d) => d.kind === 'question' || d.kind === 'question_set')).toEqual([]);
  });
});
