import { faceDetectorAssets } from './assets';
import { DETECTOR_DEFAULTS } from './config';
import type { DetectorMode } from './passes';
import type { AnalyseResult, DetectorFrame, WorkerRequest, WorkerResponse } from './protocol';

/*
 * The page's handle on the detector worker: one request at a time per id,
 * answers matched by id. Used by the face monitor, the tests and the bench.
 */

export interface DetectorClient {
  /** Analyses one frame; the frame is transferred to the worker and closed there. */
  analyse(frame: DetectorFrame, mode: DetectorMode): Promise<AnalyseResult>;
  /** Encodes one frame as JPEG in the worker; the frame is transferred and closed. */
  encode(frame: DetectorFrame, quality: number): Promise<Blob>;
  close(): void;
}

export interface DetectorClientOptions {
  minScore?: number;
}

export async function startDetector(options: DetectorClientOptions = {}): Promise<DetectorClient> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'face-detector' });
  const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed = false;
  let ready: { resolve: () => void; reject: (error: Error) => void } | undefined;

  const failAll = (error: Error) => {
    ready?.reject(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.onerror = (event) => failAll(new Error(`face detector worker failed: ${event.message || 'unknown error'}`));
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const message = event.data;
    if (message.type === 'ready') return ready?.resolve();
    if (message.type === 'error' && message.id === undefined) return ready?.reject(new Error(message.message));
    const waiting = pending.get(message.id!);
    if (!waiting) return;
    pending.delete(message.id!);
    if (message.type === 'error') waiting.reject(new Error(message.message));
    else waiting.resolve((message.type === 'jpeg' ? message.blob : message) as never);
  };

  const send = <T>(request: WorkerRequest & { id: number }, frame: DetectorFrame) =>
    new Promise<T>((resolve, reject) => {
      if (closed) {
        frame.close();
        return reject(new Error('the face detector is closed'));
      }
      pending.set(request.id, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage(request, [frame]);
    });

  await new Promise<void>((resolve, reject) => {
    ready = { resolve, reject };
    const request: WorkerRequest = {
      type: 'init',
      assets: faceDetectorAssets(import.meta.env.BASE_URL, location.href),
      minScore: options.minScore ?? DETECTOR_DEFAULTS.minScore,
      inputSize: DETECTOR_DEFAULTS.inputSize,
    };
    worker.postMessage(request);
  }).catch((error: unknown) => {
    worker.terminate();
    throw error;
  });
  ready = undefined;

  return {
    analyse: (frame, mode) => send<AnalyseResult>({ type: 'analyse', id: nextId++, frame, mode }, frame),
    encode: (frame, quality) => send<Blob>({ type: 'encode', id: nextId++, frame, quality }, frame),
    close() {
      closed = true;
      worker.terminate();
      failAll(new Error('the face detector is closed'));
    },
  };
}
