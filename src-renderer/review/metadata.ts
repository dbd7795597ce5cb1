import type { Evidence } from '@shared/proctoring/event-machine';
import { LOCKDOWN_POLICY_IDS, lockdownPolicy, type LockdownPolicyId } from '@shared/lockdown/policies';
import type { CameraProblem } from '../proctoring/camera';
import { humanize } from '../format/labels';

/*
 * What a proctoring event's free-form `metadata` says, read defensively: it
 * comes from stations of different versions, so anything unexpected is shown
 * as plain text rather than trusted or dropped. The keys stations write have
 * labels and values in words (`known` below); any other key is humanised.
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
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  // An enum value ("out_of_frame") reads as words; other strings as written.
  if (typeof value === 'string') return /^[a-z]+(_[a-z]+)+$/.test(value) ? humanize(value) : value;
  return JSON.stringify(value);
}

const reasons: Record<NonNullable<Evidence['reason']>, string> = {
  out_of_frame: 'The face was partly out of the frame',
  off_centre: 'The face was far from the centre of the frame',
};

const cameraProblems: Record<CameraProblem, string> = {
  denied: 'Permission to use the camera was refused',
  not_found: 'No camera was found',
  ended: 'The camera stopped during the exam',
  unavailable: 'The camera could not be used',
};

const isPolicy = (v: unknown): v is LockdownPolicyId => LOCKDOWN_POLICY_IDS.includes(v as LockdownPolicyId);
const from = (words: Record<string, string>) => (v: unknown) => (typeof v === 'string' && words[v]) || text(v);

/** The metadata keys stations write (event-record.ts, exam/integrations.ts), as a proctor reads them. */
const known: Record<string, { label: string; value?: (v: unknown) => string }> = {
  reason: { label: 'Why', value: from(reasons) },
  problem: { label: 'Camera problem', value: from(cameraProblems) },
  recovered: {
    label: 'Recovered',
    value: (v) => (v === true ? 'Yes: the station closed during this event, which lasted at least this long' : text(v)),
  },
  max_faces: { label: 'Most faces in one frame' },
  frames: { label: 'Frames analysed' },
  shortcut: { label: 'Shortcut refused' },
  policy: { label: 'Lockdown rule', value: (v) => (isPolicy(v) ? lockdownPolicy(v).title : text(v)) },
  displays: { label: 'Displays connected' },
};

function detail(key: string, value: unknown): [string, string] {
  const entry = known[key];
  return [entry?.label ?? humanize(key), (entry?.value ?? text)(value)];
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
    .map(([key, value]) => detail(key, value));
  return { faces, scores, faceCount: faceCount ?? (faces.length || undefined), details };
}
