import { join } from 'node:path';
import { fakeWebcamArgs, writeClip, type Segment } from '../../support/fake-webcam/y4m';

/*
 * The fake webcam of proctor.main_thread_long_tasks, prepared in Node before
 * the runner launches Chromium (a fake capture file is a launch flag, so it
 * is one clip for the whole browser run). 640×480 like openCamera() asks,
 * 5 fps (the detector analyses 3 a second, and each frame is 450 KB raw).
 *
 * One 14 s period, looped by Chromium for as long as the camera is open: a
 * face, no face long enough for a no_face event, a face, two faces long
 * enough for a multiple_faces event. A 30 s window thus sees about two of
 * each, and every one captures, encrypts and stores a snapshot.
 */

export const CLIP_SCRIPT: readonly Segment[] = [
  { fixture: 'one_face', seconds: 3 },
  { fixture: 'no_face', seconds: 4 },
  { fixture: 'one_face', seconds: 3 },
  { fixture: 'two_faces', seconds: 4 },
];

/** Writes the clip into `dir` (the runner's temp dir) and returns the Chromium flags that play it. */
export async function proctorWebcamArgs(dir: string): Promise<string[]> {
  const clip = await writeClip(join(dir, 'proctored-exam.y4m'), CLIP_SCRIPT, { width: 640, height: 480, fps: 5 });
  return fakeWebcamArgs(clip);
}
