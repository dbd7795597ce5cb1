import { startDetector, type DetectorClient } from './client';
import { DETECTOR_DEFAULTS } from './config';
import type { DetectorFrame } from './protocol';

/**
 * On-device face detection for webcam proctoring (issue 5, "Detection").
 *
 * tasks-vision's FaceDetector (CPU delegate) runs in a Web Worker; this side
 * only grabs frames of the stream at the configured rate and transfers them.
 * At most one frame is in flight: a slow analysis skips frames rather than
 * queueing them. Pass layout and merging: passes.ts, merge.ts.
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
/**
 * The video's current frame, for the worker. A VideoFrame wraps it without
 * touching its pixels (measured: under 0.1 ms); createImageBitmap, the
 * fallback where WebCodecs is missing, converts it to RGB right here on the
 * page's thread (2–9 ms at 640×480, and a 98 ms long task once on a busy
 * machine: proctor.main_thread_long_tasks).
 */
function grab(video: HTMLVideoElement): DetectorFrame | Promise<DetectorFrame> {
  return typeof VideoFrame === 'function' ? new VideoFrame(video) : createImageBitmap(video);
}

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
        const client = await detector; // settled, unless stop() and start() made a new worker
        if (current !== run) return;
        const at = Date.now();
        const result = await client.analyse(await grab(video), mode);
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
      const client = await detector;
      if (!ready(video)) throw new Error('no camera frame to snapshot: the monitor stopped');
      return client.encode(await grab(video), quality);
    },
    stop,
  };
}
