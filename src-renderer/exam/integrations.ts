import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../db/database';
import { enterLockdown, exitLockdown, watchDisplays, watchFocus, watchLockdownEvents } from '../lockdown';
import { CameraError, openCamera, type CameraProblem } from '../proctoring/camera';
import { startSessionProctor, type SessionProctor } from '../proctoring/session-proctor';
import { releaseCamera, stopCamera, takeCamera, type HeldCamera } from './camera-hold';

/*
 * What the exam asks of lockdown (src-renderer/lockdown) and proctoring
 * (src-renderer/proctoring/session-proctor.ts) while a test runs, wired in
 * this one place so the exam screens do not depend on how either is built.
 * Focus losses, refused shortcuts, leaving fullscreen and a second display
 * become proctoring events of proctored sessions.
 */

export type CameraState = 'not_needed' | 'on' | 'off';

export interface ExamGuards {
  camera: CameraState;
  setQuestion(questionId: string): void;
  /** Stops proctoring (its open events are written) and the camera. Lockdown is left by `exitExamLockdown`. */
  stop(): Promise<void>;
}

export interface GuardInput {
  db: AppDatabase;
  session: Doc<'test_session'>;
  isProctored: boolean;
  /** The question on screen when the guards start. */
  questionId?: string;
}

/** After a restart the check's camera is gone: open it again, without asking consent twice. */
async function cameraForExam(): Promise<{ camera?: HeldCamera; problem?: CameraProblem }> {
  const held = takeCamera();
  if (held) return { camera: held };
  try {
    return { camera: { stream: await openCamera() } };
  } catch (e) {
    return { problem: e instanceof CameraError ? e.problem : 'unavailable' };
  }
}

export async function startExamGuards({ db, session, isProctored, questionId }: GuardInput): Promise<ExamGuards> {
  if (!isProctored) {
    return { camera: 'not_needed', setQuestion() {}, stop: async () => {} };
  }
  const { camera, problem } = await cameraForExam();
  const onError = (error: unknown) => console.error('[exam] proctoring:', error);
  let proctor: SessionProctor | undefined;
  try {
    proctor = startSessionProctor({
      db,
      sessionId: session.session_id,
      stream: camera?.stream ?? null,
      ...(camera?.monitor ? { monitor: camera.monitor } : {}),
      ...(problem ? { cameraProblem: problem } : {}),
      onError,
    });
  } catch (error) {
    // The exam goes on without proctoring rather than not at all; the camera badge tells the proctor.
    onError(error);
  }
  if (questionId) proctor?.setQuestion(questionId);
  const record = (event: Parameters<SessionProctor['recordFocusLoss']>[0]) =>
    void proctor?.recordFocusLoss(event).catch(onError);
  const unwatch = [
    watchFocus((e) => record(e)),
    watchLockdownEvents((e) =>
      record(
        e.type === 'blocked_shortcut'
          ? {
              type: 'blocked_shortcut',
              startedAt: e.at,
              durationSeconds: 0,
              metadata: { shortcut: e.shortcut, policy: e.policy },
            }
          : { type: 'fullscreen_exit', startedAt: e.at, durationSeconds: 0 },
      ),
    ),
    watchDisplays((report) => {
      if (report.secondary > 0) {
        record({
          type: 'second_display',
          startedAt: report.at,
          durationSeconds: 0,
          metadata: { displays: report.count },
        });
      }
    }),
  ];
  return {
    camera: camera && proctor ? 'on' : 'off',
    setQuestion: (id) => proctor?.setQuestion(id),
    async stop() {
      for (const stop of unwatch) stop();
      await proctor?.stop().catch(onError);
      if (camera) stopCamera(camera);
    },
  };
}

/** From a click handler: the browser build's Fullscreen API needs a user gesture. Never fails the exam. */
export async function enterExamLockdown(): Promise<void> {
  await enterLockdown().catch((error: unknown) => console.warn('[exam] lockdown not entered:', error));
}

export async function exitExamLockdown(): Promise<void> {
  releaseCamera();
  await exitLockdown().catch((error: unknown) => console.warn('[exam] lockdown not left:', error));
}
