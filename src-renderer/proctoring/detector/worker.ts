/// <reference lib="webworker" />
import { FaceDetector } from '@mediapipe/tasks-vision';
import type { DetectedFace } from './index';
import { routeLibraryInfoToDebug } from './library-logs';
import { mergeFaces, toFrame } from './merge';
import { planPasses } from './passes';
import type { AnalyseRequest, DetectorFrame, InitRequest, PassCost, WorkerRequest, WorkerResponse } from './protocol';

/*
 * The face detector, off the UI thread. tasks-vision's FaceDetector on the CPU
 * delegate in VIDEO mode; each pass (passes.ts) is drawn into a small square
 * canvas and given to detectForVideo with a timestamp that strictly increases
 * over the detector's whole life, as MediaPipe requires.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Before MediaPipe loads: its wasm logs "INFO: …" lines through console.error.
routeLibraryInfoToDebug();
const post = (message: WorkerResponse) => scope.postMessage(message);

let detector: FaceDetector | undefined;
let input: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | undefined;
let inputSize = 128;
let lastTimestamp = 0;

function nextTimestamp(): number {
  lastTimestamp = Math.max(lastTimestamp + 1, Math.floor(performance.now()));
  return lastTimestamp;
}

async function init(request: InitRequest) {
  inputSize = request.inputSize;
  input = new OffscreenCanvas(inputSize, inputSize);
  context = input.getContext('2d', { willReadFrequently: true }) ?? undefined;
  if (!context) throw new Error('no 2D context in the detector worker');
  detector = await FaceDetector.createFromOptions(
    { wasmLoaderPath: request.assets.wasmLoaderPath, wasmBinaryPath: request.assets.wasmBinaryPath },
    {
      baseOptions: { modelAssetPath: request.assets.modelPath, delegate: 'CPU' },
      runningMode: 'VIDEO',
      minDetectionConfidence: request.minScore,
    },
  );
}

const isVideoFrame = (frame: DetectorFrame): frame is VideoFrame => 'displayWidth' in frame;

/**
 * A VideoFrame (the camera's own YUV) becomes RGB once here, rather than once
 * per pass, and never on the page's thread.
 */
async function toBitmap(frame: DetectorFrame): Promise<ImageBitmap> {
  if (!isVideoFrame(frame)) return frame;
  try {
    return await createImageBitmap(frame);
  } finally {
    frame.close();
  }
}

async function analyse(request: AnalyseRequest) {
  if (!detector || !context || !input) {
    request.frame.close();
    throw new Error('the detector is not initialised');
  }
  const start = performance.now();
  const frame = await toBitmap(request.frame);
  const size = { width: frame.width, height: frame.height };
  const found: DetectedFace[] = [];
  const passes: PassCost[] = [];
  try {
    for (const region of planPasses(size.width, size.height, request.mode)) {
      const passStart = performance.now();
      context.fillStyle = '#000';
      context.fillRect(0, 0, inputSize, inputSize);
      const k = inputSize / region.side;
      context.imageSmoothingQuality = k < 0.25 ? 'medium' : 'low';
      context.drawImage(frame, region.x * -k, region.y * -k, size.width * k, size.height * k);
      const result = detector.detectForVideo(input, nextTimestamp());
      let count = 0;
      for (const d of result.detections) {
        const b = d.boundingBox;
        if (!b) continue;
        const box = toFrame(
          { x: b.originX, y: b.originY, width: b.width, height: b.height, score: 0 },
          region,
          inputSize,
          size,
        );
        if (!box) continue;
        found.push({ box, score: d.categories[0]?.score ?? 0 });
        count += 1;
      }
      passes.push({ region, ms: performance.now() - passStart, found: count });
    }
  } finally {
    frame.close();
  }
  const faces = mergeFaces(found);
  post({ type: 'result', id: request.id, faces, ...size, analysisMs: performance.now() - start, passes });
}

async function encode(id: number, frame: DetectorFrame, quality: number) {
  try {
    const width = isVideoFrame(frame) ? frame.displayWidth : frame.width;
    const height = isVideoFrame(frame) ? frame.displayHeight : frame.height;
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.drawImage(frame, 0, 0, width, height);
    post({ type: 'jpeg', id, blob: await canvas.convertToBlob({ type: 'image/jpeg', quality }) });
  } finally {
    frame.close();
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const fail = (error: unknown) =>
    post({
      type: 'error',
      ...(request.type === 'init' ? {} : { id: request.id }),
      message: error instanceof Error ? error.message : String(error),
    });
  try {
    if (request.type === 'init') init(request).then(() => post({ type: 'ready' }), fail);
    else if (request.type === 'analyse') analyse(request).catch(fail);
    else encode(request.id, request.frame, request.quality).catch(fail);
  } catch (error) {
    fail(error);
  }
};
