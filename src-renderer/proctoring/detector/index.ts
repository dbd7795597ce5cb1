import { startDetector, type DetectorClient } from './client';
import { DETECTOR_DEFAULTS } from './config';

/**
 * On-device face detection for webcam proctoring (issue 5, "Detection").
 *
 * tasks-vision's FaceDetector (CPU delegate) runs in a Web Worker; this side
 * only grabs frames of the stream as ImageBitmaps at the configured rate and
 * transfers them. At most one frame is in flight: a slow analysis skips frames
 * rather than queueing them. Pass layout and merging: passes.ts, merge.ts.
 */
export interface FaceBox {
  /** Fractions of the full frame, 0..1. */
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface DetectedFace {
  box: FaceBox;
  score: number;
}
export interface FrameAnalysis {
  /** Epoch ms when the frame was captured. */
  at: number;
  faces: DetectedFace[];
  width: number;
  height: number;
  analysisMs: number;
}
export interface FaceMonitor {
  /** Analyse frames of the stream at the configured rate. */
  start(stream: MediaStream): void;
  subscribe(listener: (a: FrameAnalysis) => void): () => void;
  /** Current frame as JPEG (default quality 0.85). */
  snapshot(quality?: number): Promise<Blob>;
  /** Stops analysing and ends the worker; does not stop the stream's tracks. start() may be called again. */
  stop(): void;
}
export interface FaceMonitorOptions {
  /** Frames analysed per second (default 3). */
  fps?: number;
  /** 'single': one pass over the whole frame; 'full' (default): whole frame plus overlapping tiles. */
  mode?: 'single' | 'full';
}

/** Resolves once the model and wasm are loaded, so a missing asset fails here rather than silently later. */
export async function createFaceMonitor(options: FaceMonitorOptions = {}): Promise<FaceMonitor> {
  const fps = options.fps ?? DETECTOR_DEFAULTS.fps;
  if (!(fps > 0 && fps <= 30)) throw new Error(`fps must be in (0, 30], got ${fps}`);
  const mode = options.mode ?? DETECTOR_DEFAULTS.mode;
  const interval = 1000 / fps;
  const listeners = new Set<(a: FrameAnalysis) => void>();

  let detector: Promise<DetectorClient> | undefined = startDetector();
  await detector;
  let video: HTMLVideoElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let run = 0; // bumps on stop/start so a late answer of an old run is dropped

  const ready = (v: HTMLVideoElement | undefined): v is HTMLVideoElement =>
    !!v && v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && v.videoWidth > 0;

  async function tick(current: number) {
    const started = performance.now();
    try {
      if (ready(video) && detector) {
        const at = Date.now();
        const frame = await createImageBitmap(video);
        const result = await (await detector).analyse(frame, mode);
        if (current !== run) return;
        const analysis: FrameAnalysis = {
          at,
          faces: result.faces,
          width: result.width,
          height: result.height,
          analysisMs: result.analysisMs,
        };
        for (const listener of listeners) listener(analysis);
      }
    } catch (error) {
      if (current === run) console.warn('face analysis failed', error);
    }
    if (current === run)
      timer = setTimeout(() => void tick(current), Math.max(0, interval - (performance.now() - started)));
  }

  /** Stops grabbing frames; the worker stays for the next start(). */
  function halt() {
    run += 1;
    clearTimeout(timer);
    timer = undefined;
    if (video) {
      video.pause();
      video.srcObject = null;
      video = undefined;
    }
  }

  function stop() {
    halt();
    void detector?.then(
      (d) => d.close(),
      () => undefined,
    );
    detector = undefined;
  }

  return {
    start(stream) {
      halt();
      detector ??= startDetector();
      const current = run;
      video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = stream;
      video.play().catch((error: unknown) => {
        if (current === run) console.warn('camera preview for face analysis did not start', error);
      });
      timer = setTimeout(() => void tick(current), 0);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async snapshot(quality = DETECTOR_DEFAULTS.jpegQuality) {
      if (!ready(video) || !detector) throw new Error('no camera frame to snapshot: start() the monitor first');
      const frame = await createImageBitmap(video);
      return (await detector).encode(frame, quality);
    },
    stop,
  };
}
