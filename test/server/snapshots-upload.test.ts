import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStationKey } from '../../src-renderer/proctoring/snapshots/crypto';
import { SnapshotStore } from '../../src-renderer/proctoring/snapshots/store';
import { SnapshotUploader } from '../../src-renderer/proctoring/snapshots/uploader';
import { SyncTransport } from '../../src-renderer/sync/transport';
import { create, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam, type Exam } from './exam-fixture';
import { jpegImage } from './jpeg-fixture';

/*
 * A station's snapshots reach the blob store over real HTTP: queued while the
 * server cannot take them yet (the session has not synced), sent once it can,
 * and never stored twice, whether retried or sent by a second station.
 */

let server: TestServer;
let candidate: TestUser;
let exam: Exam;

const jpeg = (seed: number) => new Blob([new Uint8Array(jpegImage(64, 48, seed))]);

async function station(user: TestUser) {
  const key = await generateStationKey();
  const store = new SnapshotStore({
    name: `snapshots-${crypto.randomUUID()}`,
    dexie: { indexedDB: new IDBFactory(), IDBKeyRange },
    key: () => Promise.resolve(key),
  });
  const tokens = { accessToken: () => user.token, refresh: () => Promise.resolve(false) };
  const uploader = new SnapshotUploader(new SyncTransport(server.url!, tokens), store, () => {});
  return { store, uploader };
}

const storedBlobs = async () =>
  (await server.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM snapshot_blobs'))[0]!.n;

beforeAll(async () => {
  server = await startServer({ listen: true });
  candidate = await signUp(server, 'candidate');
  exam = await setUpExam(server, await signUp(server, 'admin'), [candidate]);
});

afterAll(() => server.close());

describe('snapshot upload from a station', () => {
  it('waits for the session to reach the server, then uploads each snapshot once', async () => {
    const session = exam.session(candidate);
    const sessionId = session.pk as string;
    const a = await station(candidate);
    const b = await station(candidate);
    a.uploader.setOnline(false);
    b.uploader.setOnline(false);
    await a.store.save({ eventId: 'evt-1', sessionId }, jpeg(1));
    await b.store.save({ eventId: 'evt-2', sessionId }, jpeg(1));

    // The session is not on the server yet: refused for now, kept for later.
    a.uploader.setOnline(true);
    await a.uploader.kick();
    expect((await a.store.pendingUploads()).map((r) => r.eventId)).toEqual(['evt-1']);
    expect(await storedBlobs()).toBe(0);

    await create(server, candidate, 'test_sessions', [session]);
    await a.uploader.kick();
    expect(await a.store.pendingUploads()).toEqual([]);
    // A second station with the same bytes (same digest) adds nothing.
    b.uploader.setOnline(true);
    await b.uploader.kick();
    expect(await b.store.pendingUploads()).toEqual([]);
    expect(await storedBlobs()).toBe(1);

    for (const s of [a, b]) {
      await s.uploader.stop();
      s.store.close();
    }
  });
});
