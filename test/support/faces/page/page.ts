/// <reference lib="dom" />
import { startDetector, type DetectorClient } from '../../../../src-renderer/proctoring/detector/client';
import type { DetectorMode } from '../../../../src-renderer/proctoring/detector/passes';
import { CameraError, openCamera } from '../../../../src-renderer/proctoring/camera';
import { createFaceMonitor, type FaceMonitorOptions } from '../../../../src-renderer/proctoring/detector/index';
import { composeFixture, loadAstronaut, type FixtureName } from '../compose';

/*
 * A page for Node-driven checks of the real detector in Chromium: the e2e test
 * and the fake-webcam clip generator drive it through `globalThis.__faces`.
 */

let client: Promise<DetectorClient> | undefined;

const api = {
  async detect(fixture: FixtureName, width: number, height: number, mode: DetectorMode) {
    const detector = await (client ??= startDetector());
    const canvas = composeFixture(await loadAstronaut(), fixture, width, height);
    return detector.analyse(await createImageBitmap(canvas), mode);
  },
  /** Raw RGBA of a fixture frame, base64 (page.evaluate carries strings well, typed arrays badly). */
  async rgba(fixture: FixtureName, width: number, height: number) {
    const canvas = composeFixture(await loadAstronaut(), fixture, width, height);
    const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return btoa(binary);
  },
  /**
   * A FaceMonitor on the (fake) camera for `ms`: the face count of every
   * analysed frame, the frame size, and the size of a JPEG snapshot.
   */
  async monitor(ms: number, options: FaceMonitorOptions = {}) {
    const stream = await openCamera();
    const monitor = await createFaceMonitor(options);
    const counts: number[] = [];
    let size = { width: 0, height: 0 };
    monitor.subscribe((a) => {
      counts.push(a.faces.length);
      size = { width: a.width, height: a.height };
    });
    try {
      monitor.start(stream);
      await new Promise((resolve) => setTimeout(resolve, ms));
      const jpeg = await monitor.snapshot();
      return { counts, ...size, jpegBytes: jpeg.size, jpegType: jpeg.type };
    } finally {
      monitor.stop();
      stream.getTracks().forEach((t) => t.stop());
    }
  },
  /** The problem openCamera() reports, or null if the camera opened. */
  async cameraProblem() {
    try {
      (await openCamera()).getTracks().forEach((t) => t.stop());
      return null;
    } catch (error) {
      return error instanceof CameraError ? error.problem : `not a CameraError: ${String(error)}`;
    }
  },
  /** For tuning: any sub-image of the astronaut scaled into a frame. */
  async detectScaled(faceHeightOfFrame: number, width: number, height: number, mode: DetectorMode) {
    const detector = await (client ??= startDetector());
    const canvas = composeFixture(await loadAstronaut(), 'one_face', width, height, faceHeightOfFrame);
    return detector.analyse(await createImageBitmap(canvas), mode);
  },
};

export type FacesPage = typeof api;
(globalThis as { __faces?: FacesPage }).__faces = api;
