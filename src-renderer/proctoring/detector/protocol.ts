import type { FaceDetectorAssets } from './assets';
import type { DetectedFace } from './index';
import type { DetectorMode, Region } from './passes';

/** Messages between the page and the detector worker (worker.ts). */

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
  frame: ImageBitmap;
  mode: DetectorMode;
}

export interface EncodeRequest {
  type: 'encode';
  id: number;
  frame: ImageBitmap;
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
  /** Wall time of the whole analysis in the worker: drawing every pass, inference, merge. */
  analysisMs: number;
  passes: PassCost[];
}

export type WorkerResponse =
  | { type: 'ready' }
  | AnalyseResult
  | { type: 'jpeg'; id: number; blob: Blob }
  | { type: 'error'; id?: number; message: string };
