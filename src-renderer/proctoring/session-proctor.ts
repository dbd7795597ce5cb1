import { EventMachine, type MachineOptions } from '@shared/proctoring/event-machine';
import type { AppDatabase } from '../db/database';
import { onCameraEnded, type CameraProblem } from './camera';
import { createFaceMonitor, type FaceMonitor } from './detector';
import { EventRecorder } from './events/recorder';
import { snapshotStore, type SnapshotStore } from './snapshots/store';

/*
 * Proctoring for one exam session: the exam screen starts it with the
 * session, the camera stream (or the problem that kept it from opening) and
 * optionally a running FaceMonitor, tells it which question is on screen,
 * hands it focus losses, and stops it when the exam ends.
 *
 * Frames go through the event machine (src-shared/proctoring/event-machine.ts);
 * events are written when they end (src-renderer/proctoring/events/recorder.ts)
 * with a snapshot stored encrypted on the station (./snapshots).
 *
 * Monitor ownership: a monitor passed in is the caller's: this subscribes to
 * it and never starts or stops it. Without one, and with a stream, the proctor
 * creates a monitor, starts it on the stream and stops it in stop().
 */

export interface FocusLoss {
  type: 'window_blur' | 'tab_switch' | 'fullscreen_exit' | 'blocked_shortcut' | 'second_display';
  /** Epoch ms. */
  startedAt: number;
  durationSeconds: number;
  metadata?: Record<string, unknown>;
}

export interface SessionProctor {
  setQuestion(questionId: string | undefined): void;
  recordFocusLoss(e: FocusLoss): Promise<void>;
  /** Ends open events now and resolves once every event is written. */
  stop(): Promise<void>;
}

export interface SessionProctorOptions {
  db: AppDatabase;
  sessionId: string;
  stream: MediaStream | null;
  monitor?: FaceMonitor;
  cameraProblem?: CameraProblem;
  /** Hysteresis and centring thresholds (defaults in event-machine.ts). */
  machine?: Partial<MachineOptions>;
  store?: SnapshotStore;
  /** How often open events are journaled (crash recovery). */
  heartbeatMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export function startSessionProctor(options: SessionProctorOptions): SessionProctor {
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('proctoring:', error));
  const machine = new EventMachine(options.machine);
  let monitor = options.monitor;
  let ownMonitor = false;
  let questionId: string | undefined;
  let stopped = false;
  const cleanups: (() => void)[] = [];
  const cameraDown = () => machine.openEvents().some((e) => e.type === 'camera_unavailable');

  const recorder = new EventRecorder({
    db: options.db,
    sessionId: options.sessionId,
    store: options.store ?? snapshotStore(),
    takeSnapshot: () => (monitor && !cameraDown() ? monitor.snapshot() : undefined),
    now,
    onError,
  });
  void recorder.recover().catch(onError);

  const watch = (m: FaceMonitor) => {
    cleanups.push(
      m.subscribe((analysis) => {
        if (!stopped) recorder.apply(machine.observe(analysis), questionId);
      }),
    );
  };

  const { stream } = options;
  if (!stream || options.cameraProblem) {
    recorder.apply(machine.cameraLost(now(), options.cameraProblem ?? 'unavailable'), questionId);
  } else {
    cleanups.push(
      onCameraEnded(stream, (problem) => {
        if (!stopped) recorder.apply(machine.cameraLost(now(), problem), questionId);
      }),
    );
    if (monitor) watch(monitor);
    else {
      createFaceMonitor().then(
        (created) => {
          if (stopped) return created.stop();
          monitor = created;
          ownMonitor = true;
          watch(created);
          created.start(stream);
        },
        (error: unknown) => {
          onError(error);
          if (!stopped) recorder.apply(machine.cameraLost(now(), 'unavailable'), questionId);
        },
      );
    }
  }

  const heartbeat = setInterval(() => void recorder.heartbeat(), options.heartbeatMs ?? 5000);
  cleanups.push(() => clearInterval(heartbeat));

  return {
    setQuestion(id) {
      questionId = id;
    },
    recordFocusLoss(e) {
      return recorder.record({
        type: e.type,
        startedAt: e.startedAt,
        endedAt: e.startedAt + e.durationSeconds * 1000,
        questionId,
        metadata: e.metadata,
      });
    },
    async stop() {
      if (stopped) return recorder.flush();
      recorder.apply(machine.finish(now()), questionId);
      stopped = true;
      for (const cleanup of cleanups) cleanup();
      await recorder.flush();
      if (ownMonitor) monitor?.stop();
    },
  };
}
