import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { filter, firstValueFrom } from 'rxjs';
import type { CollectionName } from '../../src-shared/storage/layout';
import { collectionsByRole } from '../../src-shared/storage/layout';
import { collectionsForRole } from '../../src-shared/permissions/access';
import { UserRole } from '../../src-shared/domain/enums';
import type { WireDoc } from '../../src-shared/sync/wire';
import { dexieStorage } from '../../src-renderer/db/storage';
import type { SyncStatus, TokenSource } from '../../src-renderer/sync';
import { fromWireForm, toWireForm } from '../../src-renderer/sync/wire-form';
import { buildApp } from '../../src-server/app';
import { answer, notification, question, questionSet, skill } from './fixtures';
import { pullAll, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam } from './exam-fixture';
import { closeDevices, device as openDevice, type Device } from './rx-device';

/*
 * RxDB clients (storage-memory) replicating against a real listening server
 * with RxDB's replicateRxCollection and the multiplexed live stream.
 */

let server: TestServer;
let admin: TestUser;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startServer({ listen: true });
  admin = await signUp(server, 'super_admin');
});
// RxDB allows 14 open collections per JavaScript realm: close each test's devices.
afterEach(() => closeDevices(cleanups));
afterAll(() => server.close());

const device = (
  user: TestUser,
  collections: CollectionName[],
  baseUrl = server.url!,
  session?: TokenSource,
  storage?: RxStorage<unknown, unknown>,
) => openDevice(user, collections, baseUrl, session, storage);

async function localDocs(d: Device, collection: CollectionName): Promise<WireDoc[]> {
  const docs = await d.db.collections[collection]!.find().exec();
  return docs.map((doc) => toWireForm(doc.toJSON())).sort((a, b) => a.pk.localeCompare(b.pk));
}

/** Pulls to the end on every device, then compares each with the server's view of the same user. */
async function expectConverged(devices: Device[], user: TestUser, collection: CollectionName) {
  for (const d of devices) {
    d.sync.replications.get(collection)!.reSync();
    await d.sync.awaitInSync();
  }
  const truth = (await pullAll(server, user, collection)).documents
    .filter((doc) => !doc._deleted)
    .sort((a, b) => a.pk.localeCompare(b.pk));
  for (const d of devices) expect(await localDocs(d, collection)).toEqual(truth);
}

const waitForStatus = (d: Device, predicate: (s: SyncStatus) => boolean) =>
  firstValueFrom(d.sync.status$.pipe(filter(predicate)));

describe('the permission table and the storage layout', () => {
  it('let every collection a role’s window opens replicate', () => {
    for (const role of UserRole.options) {
      for (const name of collectionsByRole[role]) expect(collectionsForRole(role), `${role}/${name}`).toContain(name);
    }
  });
});

describe('RxDB clients', () => {
  it('receive each other’s writes through the live stream', async () => {
    const a = await device(admin, ['catalog', 'inbox']);
    const b = await device(admin, ['catalog', 'inbox']);
    await waitForStatus(b, (s) => s.online);
    const s = skill('Replicated');
    await a.db.collections.catalog!.insert(s as never);
    const arrived = await firstValueFrom(
      b.sync.replications.get('catalog')!.received$.pipe(filter((d) => d.pk === s.pk)),
    );
    expect(arrived).toMatchObject({ name: 'Replicated' });
    await expectConverged([a, b], admin, 'catalog');
    const status = await waitForStatus(a, (st) => st.pendingPush === 0 && !st.syncing);
    expect(status).toMatchObject({ online: true, error: null });
    expect(status.lastSyncedAt).not.toBeNull();
  });

  it('replicate into Dexie storage as the renderer uses it (on fake-indexeddb), index padding included', async () => {
    // Kept small: fake-indexeddb walks cursors in O(n). Dexie in real IndexedDB is covered end to end.
    const dexie = () => dexieStorage({ indexedDB: new IDBFactory(), IDBKeyRange });
    const a = await device(admin, ['question_bank', 'catalog'], server.url!, undefined, dexie());
    const b = await device(admin, ['question_bank', 'catalog'], server.url!, undefined, dexie());
    await waitForStatus(b, (st) => st.online);
    const set = questionSet({ skill: 'Dexie' });
    await a.db.collections.question_bank!.insert(fromWireForm(set) as never);
    await a.db.collections.question_bank!.insert(fromWireForm(question(set.question_set_id as string)) as never);
    await expectConverged([a, b], admin, 'question_bank');
    // A question has no jd_id: the receiving device stores it padded, so the
    // ['kind','jd_id'] and ['kind','question_set_id'] indexes still see it.
    const onB = await b.db.collections.question_bank!.find({ selector: { kind: 'question' } } as never).exec();
    expect(onB.map((d) => d.toJSON())).toEqual([
      expect.objectContaining({ question_set_id: set.question_set_id, jd_id: '' }),
    ]);
  });

  it('converge with the server after many concurrent writers, edits and deletes', async () => {
    const devices = await Promise.all([0, 1, 2, 3].map(() => device(admin, ['catalog', 'inbox'])));
    await Promise.all(
      devices.map(async (d, i) => {
        for (let n = 0; n < 15; n++) {
          await d.db.collections.catalog!.insert(skill(`Concurrent ${i}-${n}`) as never);
          await d.db.collections.inbox!.insert(notification(admin.id, { title: `Hello ${i}-${n}` }) as never);
        }
        const mine = await d.db.collections
          .catalog!.find({ selector: { name: { $regex: `^Concurrent ${i}-` } } })
          .exec();
        await mine[0]!.incrementalPatch({ description: `edited by ${i}` });
        await mine[1]!.remove();
      }),
    );
    // Two devices edit the same document at once: one wins, all agree.
    const shared = (
      await devices[0]!.db.collections.catalog!.find({ selector: { name: 'Concurrent 0-5' } }).exec()
    )[0]!;
    await devices[0]!.sync.awaitInSync();
    devices[1]!.sync.replications.get('catalog')!.reSync();
    await devices[1]!.sync.awaitInSync();
    const theirs = (await devices[1]!.db.collections.catalog!.findOne(shared.primary).exec())!;
    await Promise.all([
      shared.incrementalPatch({ description: 'device 0 says' }),
      theirs.incrementalPatch({ description: 'device 1 says' }),
    ]);
    await expectConverged(devices, admin, 'catalog');
    await expectConverged(devices, admin, 'inbox');
    const catalog = await localDocs(devices[2]!, 'catalog');
    expect(catalog.filter((d) => (d.name as string).startsWith('Concurrent '))).toHaveLength(4 * 14);
    // The counter settles right after the pushes are acknowledged.
    for (const d of devices) await waitForStatus(d, (s) => s.pendingPush === 0);
  });

  it('take the server’s version of server-owned and hidden fields, then edit without false conflicts', async () => {
    const candidate = await signUp(server, 'candidate');
    // Invited: the questions of an open invitation reach the candidate, without the answer key.
    const exam = await setUpExam(server, admin, [candidate], { questions: 1 });
    const q = exam.questions[0]!;
    const station = await device(candidate, ['question_bank', 'test_sessions', 'answers']);
    await station.sync.awaitInSync();
    const localQuestion = (await station.db.collections.question_bank!.findOne(q.pk).exec())!.toJSON();
    expect(localQuestion).not.toHaveProperty('correct_answer');

    // Stored locally with index padding (no account named), sent without it.
    // Started now: the device's answers below fall inside the exam's time limit.
    const now = new Date().toISOString();
    const { user_id: _none, ...session } = exam.session(candidate, {
      started_at: now,
      created_at: now,
      updated_at: now,
    });
    const local = await station.db.collections.test_sessions!.insert(fromWireForm(session as WireDoc) as never);
    expect(local.get('user_id')).toBe('');
    await station.sync.awaitInSync();
    await local.incrementalPatch({ duration_seconds: 60 });
    await station.sync.awaitInSync();
    const onServer = (await pullAll(server, admin, 'test_sessions')).documents.find((d) => d.pk === session.pk)!;
    expect(onServer).toMatchObject({ duration_seconds: 60 });
    expect(onServer).not.toHaveProperty('user_id');
    const a = answer(session.pk, q.pk, { is_correct: true });
    await station.db.collections.answers!.insert(a as never);
    const answers = station.db.collections.answers!;
    // The server drops is_correct (server-owned) and echoes its version back.
    await firstValueFrom(
      answers.findOne(a.pk).$.pipe(filter((doc) => doc !== null && doc.get('is_correct') === undefined)),
    );
    const doc = (await answers.findOne(a.pk).exec())!;
    await doc.incrementalPatch({ selected_answer: 'B', updated_at: new Date().toISOString() });
    await station.sync.awaitInSync();
    const stored = (await pullAll(server, admin, 'answers')).documents.find((d) => d.pk === a.pk)!;
    expect(stored).toMatchObject({ selected_answer: 'B' });
    expect(stored).not.toHaveProperty('is_correct');
    await waitForStatus(station, (s) => s.pendingPush === 0 && s.error === null);
  });

  it('keep working offline, count pending changes, and push them when the server comes back', async () => {
    // A server on a port, then nothing listening on it.
    const offline = await startServer({ listen: true });
    cleanups.push(() => offline.close());
    const user = await signUp(offline, 'super_admin');
    const port = (offline.app.server.address() as AddressInfo).port;
    const baseUrl = `http://127.0.0.1:${port}`;
    await offline.app.close();
    const tokens: TokenSource = { accessToken: () => user.token, refresh: async () => false };

    const d = await device(user, ['catalog'], baseUrl, tokens);
    expect(d.sync.getStatus().online).toBe(false);
    await d.db.collections.catalog!.insert(skill('Written offline') as never);
    await d.db.collections.catalog!.insert(skill('Also offline') as never);
    await waitForStatus(d, (s) => s.pendingPush === 2 && !s.online);

    // The same database and keys behind a new HTTP server on the same port.
    const revived = await buildApp({ sql: offline.sql, config: offline.config, logger: false });
    cleanups.push(() => revived.close());
    await revived.listen({ port, host: '127.0.0.1' });
    await waitForStatus(d, (s) => s.online && s.pendingPush === 0);
    await d.sync.awaitInSync();
    const rows = await offline.sql.query<{ name: string }>('SELECT name FROM skills ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['Also offline', 'Written offline']);
  });
});
