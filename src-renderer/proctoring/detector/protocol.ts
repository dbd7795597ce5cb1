import type { FaceDetectorAssets } from './assets';
import type { DetectedFace } from './index';
import type { DetectorMode, Region } from './passes';

/** Messages between the page and the detector worker (worker.ts). */

/**
 * A frame for the worker, transferred and closed there. The face monitor
 * sends VideoFrames: wrapping the video's current frame copies no pixels on
 * the page's thread, the worker converts it. Tests and the bench send
 * ImageBitmaps of fixtures.
 */
export type DetectorFrame = ImageBitmap | VideoFrame;

export interface InitRequest {
  type: 'init';
  assets: FaceDetectorAssets;
  minScore: number;
  inputSize: number;
}

export interface AnalyseRequest {
  type: 'analyse';
  id: number;
  /** Transferred; the worker closes it. */
  frame: DetectorFrame;
  mode: DetectorMode;
}

export interface EncodeRequest {
  type: 'encode';
  id: number;
  frame: DetectorFrame;
  quality: number;
}

export type WorkerRequest = InitRequest | AnalyseRequest | EncodeRequest;

export interface PassCost {
  region: Region;
  ms: number;
  found: number;
}

export interface AnalyseResult {
  type: 'result';
  id: number;
  faces: DetectedFace[];
  width: number;
  height: number;
  /** Wall time of the whole analysis in the worker: converting a VideoFrame, drawing every pass, inference, merge. */
  analysisMs: number;
  passes: PassCost[];
}

export type WorkerResponse =
  | { type: 'ready' }
  | AnalyseResult
  | { type: 'jpeg'; id: number; blob: Blob }
  | { type: 'error'; id?: number; message: string };
