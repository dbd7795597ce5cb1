import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../src-shared/storage/layout';
import type { WireDoc } from '../../src-shared/sync/wire';
import type { TokenSource } from '../../src-renderer/sync';
import { readRows } from '../../src-server/db/rows';
import { assessment, assessmentToken, candidateProfile, edited, interview, question, questionSet } from './fixtures';
import { create, pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';
import { closeDevices, device as openDevice, type Device } from './rx-device';
import { signInStation } from './station-harness';

/*
 * Scope changes reaching the product's own sync client (RxDB,
 * replicateRxCollection, the multiplexed live stream) while it is online:
 * rows that leave a device's scope disappear from its local database without
 * the device pushing a deletion, and rows that enter it arrive, both within
 * the live stream's delay and without a resync.
 */

let server: TestServer;
let recruiter: TestUser;
let admin: TestUser;

beforeAll(async () => {
  server = await startServer({ listen: true });
  recruiter = await signUp(server, 'recruiter');
  admin = await signUp(server, 'admin');
});
afterEach(() => closeDevices());
afterAll(() => server.close());

async function device(user: TestUser, collections: CollectionName[], session?: TokenSource): Promise<Device> {
  const d = await openDevice(user, collections, server.url!, session);
  await d.sync.awaitInSync();
  return d;
}

const holds = async (d: Device, collection: CollectionName, pk: string) =>
  (await d.db.collections[collection]!.findOne(pk).exec()) !== null;

/** Waits (on the live stream alone: no pull is asked for) until `check` holds, or fails after 5 s. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 5000; !(await check());) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function update(user: TestUser, collection: CollectionName, doc: WireDoc, changes: Record<string, unknown>) {
  const res = await push(server, user, collection, [
    { assumedMasterState: doc, newDocumentState: edited(doc, changes) },
  ]);
  expect(res.json()).toEqual([]);
}

describe('scope changes on a live device', () => {
  it('move an interview and its candidate between interviewers’ laptops, and push nothing back', async () => {
    const [a, b] = [await signUp(server, 'interviewer'), await signUp(server, 'interviewer')];
    const candidate = candidateProfile('live.panel@example.org', { phone: '+44 20 7946 0000' });
    await create(server, recruiter, 'candidates', [candidate]);
    const meeting = interview(a.id, { candidate_id: candidate.pk });
    await create(server, recruiter, 'interviews', [meeting]);
    const [laptopA, laptopB] = [
      await device(a, ['interviews', 'candidates']),
      await device(b, ['interviews', 'candidates']),
    ];
    expect(await holds(laptopA, 'interviews', meeting.pk)).toBe(true);
    expect(await holds(laptopA, 'candidates', candidate.pk)).toBe(true);
    expect(await holds(laptopB, 'candidates', candidate.pk)).toBe(false);

    await update(recruiter, 'interviews', meeting, { interviewer_id: b.id });
    await eventually(async () => !(await holds(laptopA, 'interviews', meeting.pk)), 'interview left A');
    await eventually(async () => !(await holds(laptopA, 'candidates', candidate.pk)), 'candidate left A');
    await eventually(async () => holds(laptopB, 'interviews', meeting.pk), 'interview reached B');
    await eventually(async () => holds(laptopB, 'candidates', candidate.pk), 'candidate reached B');

    // The tombstone left on A holds what the entity requires and nothing optional (the phone number).
    const [gone] = await laptopA.db.collections.candidates!.storageInstance.findDocumentsById([candidate.pk], true);
    expect(gone).toMatchObject({ _deleted: true, email: 'live.panel@example.org' });
    expect(gone).not.toHaveProperty('phone');
    // Nothing was pushed: the server's rows are live and unchanged.
    await laptopA.sync.awaitInSync();
    expect(laptopA.sync.getStatus().pendingPush).toBe(0);
    const stored = await readRows(server.sql, 'candidate', [candidate.pk]);
    expect(stored.get(candidate.pk)).toMatchObject({ deleted: false, doc: { phone: '+44 20 7946 0000' } });
    expect((await readRows(server.sql, 'interview_session', [meeting.pk])).get(meeting.pk)!.deleted).toBe(false);
  });

  it('take a deactivated proctor’s PIN verifier off an online station', async () => {
    const exam = assessment(admin.id);
    await create(server, admin, 'assessments', [exam]);
    const proctor = await signUp(server, 'proctor');
    const mine = (await pullAll(server, proctor, 'users')).documents.find((d) => d.pk === proctor.id)!;
    await update(proctor, 'users', mine, { proctor_pin_hash: 'scrypt$15$8$1$c2FsdA$dmVyaWZpZXI' });
    const signed = await signInStation(server, admin.email, [exam.pk]);
    const station = await device(signed, ['users'], { accessToken: () => signed.token, refresh: async () => false });
    const verifier = async () =>
      (await station.db.collections.users!.findOne(proctor.id).exec())?.get('proctor_pin_hash') as string | undefined;
    expect(await verifier()).toBe('scrypt$15$8$1$c2FsdA$dmVyaWZpZXI');

    const current = (await pullAll(server, admin, 'users')).documents.find((d) => d.pk === proctor.id)!;
    await update(admin, 'users', current, { is_active: false });
    await eventually(async () => (await verifier()) === undefined, 'verifier left the station');
    expect(await holds(station, 'users', admin.id)).toBe(true);
  });

  it('bring an existing candidate to an online station once invited, and take an unpublished exam off it', async () => {
    const set = questionSet();
    const q = question(set.pk);
    const exam = assessment(admin.id, { question_set_id: set.pk });
    await create(server, admin, 'question_bank', [set, q]);
    await create(server, admin, 'assessments', [exam]);
    const first = candidateProfile('first.live@example.org');
    const late = candidateProfile('late.live@example.org');
    await create(server, recruiter, 'candidates', [late, first]);
    await create(server, recruiter, 'assessments', [assessmentToken(exam.pk, recruiter.id, 'first.live@example.org')]);
    const signed = await signInStation(server, admin.email, [exam.pk]);
    const station = await device(signed, ['assessments', 'question_bank', 'candidates'], {
      accessToken: () => signed.token,
      refresh: async () => false,
    });
    expect(await holds(station, 'candidates', first.pk)).toBe(true);
    expect(await holds(station, 'candidates', late.pk)).toBe(false);

    await create(server, recruiter, 'assessments', [assessmentToken(exam.pk, recruiter.id, 'late.live@example.org')]);
    await eventually(async () => holds(station, 'candidates', late.pk), 'the late invitee reached the station');

    await update(admin, 'assessments', exam, { is_published: false });
    await eventually(async () => !(await holds(station, 'assessments', exam.pk)), 'the exam left the station');
    await eventually(async () => !(await holds(station, 'question_bank', q.pk)), 'its question left the station');
    expect(await holds(station, 'question_bank', set.pk)).toBe(false);
  });
});
