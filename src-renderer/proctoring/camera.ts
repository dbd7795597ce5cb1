import { enforces } from '@shared/lockdown/enforcement';

/** Webcam access for proctoring, with failures reduced to the few kinds the UI and the events distinguish. */
export type CameraProblem = 'denied' | 'not_found' | 'ended' | 'unavailable';

export class CameraError extends Error {
  readonly problem: CameraProblem;
  constructor(problem: CameraProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CameraError';
    this.problem = problem;
  }
}

/** Enough for face detection and a readable snapshot, cheap to analyse. */
const DEFAULT_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 } };

/** getUserMedia's DOMException names, as a camera problem. */
export function cameraProblemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError')
    return 'not_found';
  return 'unavailable';
}

const MESSAGES: Record<CameraProblem, string> = {
  denied: 'Camera access was denied.',
  not_found: 'No camera was found.',
  ended: 'The camera stopped.',
  unavailable: 'The camera is unavailable (in use by another application or failing).',
};

/**
 * Browser build: the page asks for the camera alone (no microphone) and the browser's own permission prompt
 * decides; in Electron, main's permission handlers do (src-main/main/policies/permissions.ts).
 */
export const LOCKDOWN_ENFORCED = enforces('browser', ['permissions']);

export async function openCamera(constraints: MediaTrackConstraints = DEFAULT_CONSTRAINTS): Promise<MediaStream> {
  if (!globalThis.navigator?.mediaDevices?.getUserMedia) {
    throw new CameraError('unavailable', 'This environment gives no access to cameras.');
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: constraints, audio: false });
    if (!stream.getVideoTracks().some((t) => t.readyState === 'live')) {
      stream.getTracks().forEach((t) => t.stop());
      throw new CameraError('ended', MESSAGES.ended);
    }
    return stream;
  } catch (error) {
    if (error instanceof CameraError) throw error;
    const problem = cameraProblemOf(error);
    throw new CameraError(problem, MESSAGES[problem], { cause: error });
  }
}

/**
 * Calls `listener` once when the stream's video stops for good (unplugged,
 * permission revoked, track stopped). Returns an unsubscribe function.
 */
export function onCameraEnded(stream: MediaStream, listener: (problem: CameraProblem) => void): () => void {
  const tracks = stream.getVideoTracks();
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    unsubscribe();
    listener('ended');
  };
  const unsubscribe = () => tracks.forEach((t) => t.removeEventListener('ended', fire));
  tracks.forEach((t) => t.addEventListener('ended', fire));
  if (!tracks.length || tracks.every((t) => t.readyState === 'ended')) queueMicrotask(fire);
  return () => {
    done = true;
    unsubscribe();
  };
}
