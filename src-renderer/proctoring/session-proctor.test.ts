import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { snapshotDigestOf } from '@shared/proctoring/snapshot-url';
import { Repository } from '../db/repository';
import type { AppDatabase } from '../db/database';
import { openTestDatabase } from '../test-support/database';
import type { FaceMonitor, FrameAnalysis } from './detector';
import { startSessionProctor } from './session-proctor';
import { generateStationKey } from './snapshots/crypto';
import { SnapshotStore } from './snapshots/store';

/*
 * The proctor for one session, fed by a scripted monitor: events are written
 * when they end, with their question, evidence and an encrypted snapshot.
 * RxDB on memory storage; the snapshot store on fake-indexeddb (kept small).
 */

const centred = { box: { x: 0.35, y: 0.3, width: 0.3, height: 0.4 }, score: 0.9 };
const beside = { box: { x: 0.75, y: 0.3, width: 0.15, height: 0.2 }, score: 0.7 };
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);

class ScriptedMonitor implements FaceMonitor {
  private listener: ((a: FrameAnalysis) => void) | undefined;
  snapshots = 0;
  start() {}
  stop() {}
  subscribe(listener: (a: FrameAnalysis) => void) {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  snapshot() {
    this.snapshots += 1;
    return Promise.resolve(new Blob([JPEG], { type: 'image/jpeg' }));
  }
  play(plan: [(typeof centred)[] | [], number][], clock: { t: number }) {
    for (const [faces, count] of plan)
      for (let i = 0; i < count; i++) {
        this.listener?.({ at: clock.t, faces, width: 640, height: 480, analysisMs: 5 });
        clock.t += 250;
      }
  }
}

let db: AppDatabase;
let store: SnapshotStore;
const clock = { t: Date.parse('2026-05-01T09:00:00.000Z') };
const now = () => clock.t;
/** A stream whose one video track stays live (onCameraEnded listens to its `ended` event). */
const liveTrack = { readyState: 'live', addEventListener() {}, removeEventListener() {} };
const fakeStream = { getVideoTracks: () => [liveTrack], getTracks: () => [liveTrack] } as unknown as MediaStream;

beforeEach(async () => {
  db = await openTestDatabase(['proctoring_events']);
  const key = await generateStationKey();
  store = new SnapshotStore({
    name: `snapshots-${crypto.randomUUID()}`,
    dexie: { indexedDB: new IDBFactory(), IDBKeyRange },
    key: () => Promise.resolve(key),
    now,
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  store.close();
  await db.close();
});

// Events starting in the same millisecond (a focus loss at the camera's failure) would otherwise come in id order.
const events = () =>
  new Repository(db, 'proctoring_event').find({ sort: [{ detected_at: 'asc' }, { event_type: 'asc' }] });

describe('a session proctor', () => {
  it('writes each event once it ends, with duration, question, evidence and an encrypted snapshot', async () => {
    const monitor = new ScriptedMonitor();
    const proctor = startSessionProctor({ db, sessionId: 'ses-1', stream: fakeStream, monitor, store, now });
    proctor.setQuestion('q-1');
    monitor.play(
      [
        [[centred], 8],
        [[], 48],
        [[centred], 4],
      ],
      clock,
    );
    proctor.setQuestion('q-2');
    monitor.play([[[centred, beside], 8]], clock);
    // A single stray frame is never an event.
    monitor.play(
      [
        [[centred], 8],
        [[], 1],
        [[centred], 8],
      ],
      clock,
    );
    await proctor.stop();

    const written = await events();
    expect(written.map((e) => [e.event_type, e.duration_seconds, e.severity, e.flagged, e.question_id])).toEqual([
      ['no_face', 12, 'high', true, 'q-1'],
      ['multiple_faces', 2, 'high', true, 'q-2'],
    ]);
    expect(written[1]!.metadata).toMatchObject({ max_faces: 2, frames: 8 });
    expect(monitor.snapshots).toBe(2);

    const snapshot = (await store.db.snapshots.get(written[0]!.event_id))!;
    expect(snapshotDigestOf(written[0]!.snapshot_url)).toBe(snapshot.sha256);
    expect(snapshot.flagged).toBe(1);
    const sealed = (await store.db.sealed.get(written[0]!.event_id))!;
    expect(new Uint8Array(sealed.data).slice(0, 4)).not.toEqual(JPEG.slice(0, 4));
    const read = await store.read(written[0]!.event_id);
    expect(new Uint8Array(await read!.jpeg.arrayBuffer())).toEqual(JPEG);
    expect(await store.db.journal.count()).toBe(0);
  });

  it('records camera_unavailable when there is no camera, and focus losses as they are handed over', async () => {
    const proctor = startSessionProctor({ db, sessionId: 'ses-2', stream: null, cameraProblem: 'denied', store, now });
    proctor.setQuestion('q-9');
    await proctor.recordFocusLoss({ type: 'tab_switch', startedAt: clock.t, durationSeconds: 3.5 });
    clock.t += 20_000;
    await proctor.stop();
    const written = await events();
    expect(written.map((e) => [e.event_type, e.severity, e.duration_seconds, e.snapshot_url])).toEqual([
      ['camera_unavailable', 'high', 20, undefined],
      ['tab_switch', 'low', 3.5, undefined],
    ]);
    expect(written[0]!.metadata).toMatchObject({ problem: 'denied' });
  });

  it('writes an event a crashed window left open, ended at its last heartbeat', async () => {
    const monitor = new ScriptedMonitor();
    const first = startSessionProctor({
      ...{ db, sessionId: 'ses-3', stream: fakeStream, monitor, store, now },
      onError: () => {},
      heartbeatMs: 60_000,
    });
    monitor.play([[[centred, beside], 20]], clock);
    // The open event reaches the journal once its snapshot is stored.
    await vi.waitFor(async () => expect(await store.db.journal.count()).toBe(1), { timeout: 10_000 });
    // The window dies: stop() never runs. A new proctor for the same session recovers the event.
    const second = startSessionProctor({ db, sessionId: 'ses-3', stream: null, store, now });
    await second.stop();
    const written = await events();
    const recovered = written.filter((e) => e.event_type === 'multiple_faces');
    expect(recovered.map((e) => [e.duration_seconds, e.metadata.recovered])).toEqual([[5, true]]);
    expect(recovered[0]!.snapshot_url).toBeDefined();
    expect(await store.db.journal.count()).toBe(0);
    void first;
  });

  it('recovers an open event once: two recoveries at once write it once, a later one finds nothing, none fails', async () => {
    const monitor = new ScriptedMonitor();
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    const crashed = startSessionProctor({
      ...{ db, sessionId: 'ses-4', stream: fakeStream, monitor, store, now, onError },
      heartbeatMs: 60_000,
    });
    monitor.play([[[centred, beside], 20]], clock);
    await vi.waitFor(async () => expect(await store.db.journal.count()).toBe(1), { timeout: 10_000 });

    // Reads as slow as IndexedDB's in a browser, where each recovery checks before it writes.
    const get = Repository.prototype.get;
    vi.spyOn(Repository.prototype, 'get').mockImplementation(async function (this: Repository<never>, id: string) {
      const found = await get.call(this, id);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return found;
    });
    // The window dies with the event open; on the resume, two proctors start together (as React's StrictMode
    // does in development, mounting the exam screen twice).
    const resumed = [1, 2].map(() =>
      startSessionProctor({ db, sessionId: 'ses-4', stream: null, store, now, onError }),
    );
    for (const proctor of resumed) await proctor.stop();
    await startSessionProctor({ db, sessionId: 'ses-4', stream: null, store, now, onError }).stop();

    const written = await events();
    expect(written.filter((e) => e.event_type === 'multiple_faces')).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(await store.db.journal.count()).toBe(0);
    void crashed;
  });
});
