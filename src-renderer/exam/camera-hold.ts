import type { FaceMonitor } from '../proctoring/detector';

/*
 * The camera opened for the check before the test, handed to the exam
 * screen so proctoring goes on with the same stream (no second permission
 * prompt, no black frame between the two screens).
 */
export interface HeldCamera {
  stream: MediaStream;
  monitor?: FaceMonitor;
}

let held: HeldCamera | undefined;

export function holdCamera(camera: HeldCamera): void {
  if (held && held.stream !== camera.stream) releaseCamera();
  held = camera;
}

/** Takes the held camera if it is still live; the caller now owns it. */
export function takeCamera(): HeldCamera | undefined {
  const camera = held;
  held = undefined;
  if (camera && camera.stream.getVideoTracks().some((t) => t.readyState === 'live')) return camera;
  if (camera) stopCamera(camera);
  return undefined;
}

export function releaseCamera(): void {
  if (held) stopCamera(held);
  held = undefined;
}

export function stopCamera(camera: HeldCamera): void {
  camera.monitor?.stop();
  for (const track of camera.stream.getTracks()) track.stop();
}
