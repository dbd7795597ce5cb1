/// <reference lib="dom" />
import { openDatabase } from '../../../src-renderer/db/database';
import { memoryStorage } from '../../../src-renderer/db/storage';
import { Repository } from '../../../src-renderer/db/repository';
import { CameraError, openCamera, type CameraProblem } from '../../../src-renderer/proctoring/camera';
import { createFaceMonitor } from '../../../src-renderer/proctoring/detector';
import { startSessionProctor } from '../../../src-renderer/proctoring/session-proctor';
import { SnapshotStore } from '../../../src-renderer/proctoring/snapshots/store';

/*
 * A page that runs the real proctoring stack on the real (fake-device) camera:
 * camera access, the detector worker, the event machine, the encrypted
 * snapshot store. test/e2e/proctoring.e2e.ts drives it through
 * `globalThis.__proctoring` and reads back what a proctor would get.
 */

const api = {
  async run(sessionId: string, seconds: number) {
    const db = await openDatabase({
      name: `proctoring-${crypto.randomUUID()}`,
      storage: memoryStorage(),
      collections: ['proctoring_events'],
    });
    const store = new SnapshotStore({ name: `snapshots-${crypto.randomUUID()}` });
    let stream: MediaStream | null = null;
    let cameraProblem: CameraProblem | undefined;
    try {
      stream = await openCamera({ width: 320, height: 240 });
    } catch (error) {
      cameraProblem = error instanceof CameraError ? error.problem : 'unavailable';
    }
    const monitor = stream ? await createFaceMonitor({ fps: 5 }) : undefined;
    const counts: number[] = [];
    monitor?.subscribe((a) => counts.push(a.faces.length));
    if (stream) monitor!.start(stream);
    const errors: string[] = [];
    const proctor = startSessionProctor({
      db,
      sessionId,
      stream,
      monitor,
      cameraProblem,
      store,
      onError: (e) => errors.push(String(e)),
    });
    proctor.setQuestion('question-1');
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    await proctor.stop();
    monitor?.stop();
    stream?.getTracks().forEach((t) => t.stop());
    const events = await new Repository(db, 'proctoring_event').find({ sort: [{ detected_at: 'asc' }] });
    const snapshots = await Promise.all(
      events.map(async (e) => {
        const row = await store.db.snapshots.get(e.event_id);
        const sealed = await store.db.sealed.get(e.event_id);
        const plain = await store.read(e.event_id);
        const bytes = plain ? new Uint8Array(await plain.jpeg.arrayBuffer()) : undefined;
        return {
          eventId: e.event_id,
          stored: Boolean(row),
          sha256: row?.sha256,
          size: row?.size ?? 0,
          flagged: row?.flagged,
          /** The stored bytes are not a JPEG (encrypted); the decrypted ones are. */
          sealedLooksLikeJpeg: sealed
            ? new Uint8Array(sealed.data)[0] === 0xff && new Uint8Array(sealed.data)[1] === 0xd8
            : undefined,
          plainIsJpeg: bytes ? bytes[0] === 0xff && bytes[1] === 0xd8 : undefined,
        };
      }),
    );
    store.close();
    await db.close();
    return { events, snapshots, counts, errors, cameraProblem };
  },
};

export type ProctoringPage = typeof api;
(globalThis as { __proctoring?: ProctoringPage }).__proctoring = api;
