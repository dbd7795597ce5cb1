import type { DetectedFace, FaceBox } from './index';
import type { Region } from './passes';

/*
 * Detections of all passes, mapped back to the frame and merged: a face seen
 * by the whole-frame pass and by two overlapping tiles must count once.
 */

/** A detection in the pixels of the model input (0..inputSize) of the pass over `region`. */
export interface PassDetection {
  x: number;
  y: number;
  width: number;
  height: number;
  score: number;
}

/** Boxes closer than this to a tile edge that lies inside the frame are likely cut faces. */
const EDGE_MARGIN = 0.02;
/** Two boxes are the same face when they overlap this much (IoU) ... */
const SAME_FACE_IOU = 0.3;
/** ... or when this share of the smaller one lies inside the larger (scales box a face differently). */
const SAME_FACE_CONTAINED = 0.6;

/** Frame-fraction box of a pass detection, clipped to the frame; null if it is a face cut by a tile edge. */
export function toFrame(
  d: PassDetection,
  region: Region,
  inputSize: number,
  frame: { width: number; height: number },
): FaceBox | null {
  const k = region.side / inputSize;
  const left = region.x + d.x * k;
  const top = region.y + d.y * k;
  const right = left + d.width * k;
  const bottom = top + d.height * k;
  const margin = EDGE_MARGIN * region.side;
  const cut =
    (left < region.x + margin && region.x > 0) ||
    (top < region.y + margin && region.y > 0) ||
    (right > region.x + region.side - margin && region.x + region.side < frame.width) ||
    (bottom > region.y + region.side - margin && region.y + region.side < frame.height);
  if (cut) return null;
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(frame.width, right);
  const y1 = Math.min(frame.height, bottom);
  if (x1 <= x0 || y1 <= y0) return null;
  return {
    x: x0 / frame.width,
    y: y0 / frame.height,
    width: (x1 - x0) / frame.width,
    height: (y1 - y0) / frame.height,
  };
}

const area = (b: FaceBox) => b.width * b.height;

function intersection(a: FaceBox, b: FaceBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function sameFace(a: FaceBox, b: FaceBox): boolean {
  const inter = intersection(a, b);
  if (!inter) return false;
  return (
    inter / (area(a) + area(b) - inter) >= SAME_FACE_IOU || inter / Math.min(area(a), area(b)) >= SAME_FACE_CONTAINED
  );
}

/** Greedy non-maximum suppression: the best-scoring box of each group of the same face stays. */
export function mergeFaces(faces: readonly DetectedFace[]): DetectedFace[] {
  const kept: DetectedFace[] = [];
  for (const face of [...faces].sort((a, b) => b.score - a.score)) {
    if (!kept.some((k) => sameFace(k.box, face.box))) kept.push(face);
  }
  return kept;
}
