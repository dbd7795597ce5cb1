/*
 * What a proctoring event's free-form `metadata` says, read defensively: it
 * comes from stations of different versions, so anything unexpected is shown
 * as plain text rather than trusted or dropped.
 */

export interface Box {
  /** Fractions of the frame, 0..1. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DetectedFace {
  box: Box;
  score: number | undefined;
}

export interface ReadMetadata {
  faces: DetectedFace[];
  /** Detector scores, with or without boxes. */
  scores: number[];
  faceCount: number | undefined;
  /** Everything else, as label and text. */
  details: [string, string][];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readBox(raw: unknown, frame: { width: number; height: number } | undefined): Box | undefined {
  if (!isObject(raw)) return undefined;
  const x = raw.x ?? raw.left ?? raw.originX;
  const y = raw.y ?? raw.top ?? raw.originY;
  const { width, height } = raw;
  if (!finite(x) || !finite(y) || !finite(width) || !finite(height) || width <= 0 || height <= 0) return undefined;
  // Pixel boxes are scaled by the frame they were measured on; without one they cannot be placed.
  const pixels = x > 1 || y > 1 || width > 1 || height > 1;
  if (pixels && !frame) return undefined;
  const sx = pixels ? frame!.width : 1;
  const sy = pixels ? frame!.height : 1;
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { x: clamp(x / sx), y: clamp(y / sy), width: clamp(width / sx), height: clamp(height / sy) };
}

function readFrame(meta: Json): { width: number; height: number } | undefined {
  const frame = meta.frame ?? meta.frame_size;
  if (isObject(frame) && finite(frame.width) && finite(frame.height))
    return { width: frame.width, height: frame.height };
  if (finite(meta.frame_width) && finite(meta.frame_height))
    return { width: meta.frame_width, height: meta.frame_height };
  return undefined;
}

const READ = new Set(['faces', 'boxes', 'scores', 'frame', 'frame_size', 'frame_width', 'frame_height']);

function text(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function readMetadata(metadata: Json | undefined): ReadMetadata {
  const meta = metadata ?? {};
  const frame = readFrame(meta);
  const faces: DetectedFace[] = [];
  let faceCount: number | undefined;
  if (Array.isArray(meta.faces)) {
    for (const f of meta.faces) {
      const box = readBox(isObject(f) && isObject(f.box) ? f.box : f, frame);
      if (box) faces.push({ box, score: isObject(f) && finite(f.score) ? f.score : undefined });
    }
    faceCount = meta.faces.length;
  } else if (finite(meta.faces)) {
    faceCount = meta.faces;
  }
  const scores = Array.isArray(meta.scores) ? meta.scores.filter(finite) : [];
  if (Array.isArray(meta.boxes)) {
    meta.boxes.forEach((raw, i) => {
      const box = readBox(raw, frame);
      if (box) faces.push({ box, score: isObject(raw) && finite(raw.score) ? raw.score : scores[i] });
    });
  }
  if (!scores.length) for (const f of faces) if (f.score !== undefined) scores.push(f.score);
  const details = Object.entries(meta)
    .filter(([key]) => !READ.has(key))
    .map(([key, value]): [string, string] => [key.replace(/_/g, ' '), text(value)]);
  return { faces, scores, faceCount: faceCount ?? (faces.length || undefined), details };
}
