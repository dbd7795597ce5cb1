import type { FaceCondition, FrameFace, FrameObservation } from './types';

/*
 * Turns per-frame face counts into proctoring events, with hysteresis:
 * - a condition (no face, several faces, one face off centre or cut off by
 *   the frame's edge) becomes an event only after it held on `openAfterFrames`
 *   consecutive frames spanning at least `openAfterMs`; the event starts at the
 *   first of those frames, so a confirmed event loses none of its time;
 * - an open event ends only after the condition was absent on
 *   `closeAfterFrames` consecutive frames spanning `closeAfterMs`; it ends at
 *   the first of those frames. One good frame inside a bad stretch does not
 *   split it, and one bad frame inside a good stretch is never an event.
 * Camera loss is not a per-frame signal (the browser says so once): it opens
 * `camera_unavailable` at once and ends the face conditions, which cannot be
 * observed without frames.
 *
 * Pure and clock-free: time is the frames' own `at` (epoch ms). Usable in
 * tests with synthetic sequences and by src-renderer/proctoring/session-proctor.ts.
 */

export type MachineEventType = FaceCondition | 'camera_unavailable';

/** What the detector saw, kept in the event's metadata. */
export interface Evidence {
  /** The faces on the event's first frame (none for no_face and camera_unavailable). */
  faces: FrameFace[];
  /** Most faces on any frame of the event. */
  maxFaces: number;
  /** Frames on which the condition held. */
  frames: number;
  /** face_not_centered: whether the face was off centre or cut off by the frame's edge. */
  reason?: 'off_centre' | 'out_of_frame';
  /** camera_unavailable: why (denied, not_found, ended, unavailable). */
  problem?: string;
}

export type MachineEvent =
  | { kind: 'opened'; type: MachineEventType; startedAt: number; confirmedAt: number; evidence: Evidence }
  | { kind: 'closed'; type: MachineEventType; startedAt: number; endedAt: number; evidence: Evidence };

export interface MachineOptions {
  openAfterFrames: number;
  openAfterMs: number;
  closeAfterFrames: number;
  closeAfterMs: number;
  /** A face whose centre is further than this from the frame's centre, on either axis (fraction of the frame), is off centre. */
  maxCentreOffset: number;
  /** A box reaching closer than this to an edge (or past it) is cut off by the frame. */
  edgeMargin: number;
}

export const DEFAULT_MACHINE_OPTIONS: MachineOptions = {
  openAfterFrames: 3,
  openAfterMs: 1000,
  closeAfterFrames: 2,
  closeAfterMs: 500,
  maxCentreOffset: 0.25,
  edgeMargin: 0.005,
};

/** The face condition a frame shows, if any. */
export function conditionOf(
  faces: readonly FrameFace[],
  options: Pick<MachineOptions, 'maxCentreOffset' | 'edgeMargin'> = DEFAULT_MACHINE_OPTIONS,
): { condition: FaceCondition; reason?: Evidence['reason'] } | undefined {
  if (faces.length === 0) return { condition: 'no_face' };
  if (faces.length > 1) return { condition: 'multiple_faces' };
  const { x, y, width, height } = faces[0]!.box;
  const m = options.edgeMargin;
  if (x < m || y < m || x + width > 1 - m || y + height > 1 - m)
    return { condition: 'face_not_centered', reason: 'out_of_frame' };
  const dx = Math.abs(x + width / 2 - 0.5);
  const dy = Math.abs(y + height / 2 - 0.5);
  if (dx > options.maxCentreOffset || dy > options.maxCentreOffset)
    return { condition: 'face_not_centered', reason: 'off_centre' };
  return undefined;
}

interface Run {
  startedAt: number;
  evidence: Evidence;
  open: boolean;
  /** While open: the first frame of the current good stretch, and its length. */
  clearSince?: number;
  clearFrames: number;
}

const FACE_CONDITIONS: readonly FaceCondition[] = ['no_face', 'multiple_faces', 'face_not_centered'];

export class EventMachine {
  private readonly options: MachineOptions;
  private readonly runs = new Map<FaceCondition, Run>();
  private camera: { startedAt: number; evidence: Evidence } | undefined;
  private lastAt = -Infinity;

  constructor(options: Partial<MachineOptions> = {}) {
    this.options = { ...DEFAULT_MACHINE_OPTIONS, ...options };
  }

  /** Feeds one analysed frame; returns the events it opened or closed. Frames out of order are ignored. */
  observe(frame: FrameObservation): MachineEvent[] {
    if (this.camera || frame.at < this.lastAt) return [];
    this.lastAt = frame.at;
    const seen = conditionOf(frame.faces, this.options);
    const out: MachineEvent[] = [];
    for (const condition of FACE_CONDITIONS) {
      const run = this.runs.get(condition);
      if (seen?.condition === condition) this.holds(condition, run, frame, seen.reason, out);
      else if (run) this.absent(condition, run, frame.at, out);
    }
    return out;
  }

  /** The camera stopped giving frames (denied, unplugged, stream ended). */
  cameraLost(at: number, problem: string): MachineEvent[] {
    if (this.camera) return [];
    const out = this.endFaceConditions(at);
    this.camera = { startedAt: at, evidence: { faces: [], maxFaces: 0, frames: 0, problem } };
    out.push({
      kind: 'opened',
      type: 'camera_unavailable',
      startedAt: at,
      confirmedAt: at,
      evidence: this.camera.evidence,
    });
    this.lastAt = Math.max(this.lastAt, at);
    return out;
  }

  /** Frames flow again. */
  cameraRestored(at: number): MachineEvent[] {
    const camera = this.camera;
    if (!camera) return [];
    this.camera = undefined;
    this.lastAt = Math.max(this.lastAt, at);
    return [
      {
        kind: 'closed',
        type: 'camera_unavailable',
        startedAt: camera.startedAt,
        endedAt: Math.max(at, camera.startedAt),
        evidence: camera.evidence,
      },
    ];
  }

  /** Ends every open event at `at` (the exam is over); pending runs are dropped. */
  finish(at: number): MachineEvent[] {
    return [...this.endFaceConditions(at), ...this.cameraRestored(at)];
  }

  /** Events open now (for journaling and tests). */
  openEvents(): { type: MachineEventType; startedAt: number; evidence: Evidence }[] {
    const open = [...this.runs.entries()]
      .filter(([, run]) => run.open)
      .map(([type, run]) => ({ type, startedAt: run.startedAt, evidence: run.evidence }));
    return this.camera ? [...open, { type: 'camera_unavailable', ...this.camera }] : open;
  }

  private holds(
    condition: FaceCondition,
    run: Run | undefined,
    frame: FrameObservation,
    reason: Evidence['reason'],
    out: MachineEvent[],
  ): void {
    if (!run) {
      run = {
        startedAt: frame.at,
        evidence: {
          faces: frame.faces.map((f) => ({ box: { ...f.box }, score: f.score })),
          maxFaces: frame.faces.length,
          frames: 0,
          ...(reason ? { reason } : {}),
        },
        open: false,
        clearFrames: 0,
      };
      this.runs.set(condition, run);
    }
    run.evidence.frames += 1;
    run.evidence.maxFaces = Math.max(run.evidence.maxFaces, frame.faces.length);
    run.clearSince = undefined;
    run.clearFrames = 0;
    const { openAfterFrames, openAfterMs } = this.options;
    if (!run.open && run.evidence.frames >= openAfterFrames && frame.at - run.startedAt >= openAfterMs) {
      run.open = true;
      out.push({
        kind: 'opened',
        type: condition,
        startedAt: run.startedAt,
        confirmedAt: frame.at,
        evidence: run.evidence,
      });
    }
  }

  private absent(condition: FaceCondition, run: Run, at: number, out: MachineEvent[]): void {
    if (!run.open) {
      // A run that never reached the threshold was a stray: forget it.
      this.runs.delete(condition);
      return;
    }
    run.clearSince ??= at;
    run.clearFrames += 1;
    const { closeAfterFrames, closeAfterMs } = this.options;
    if (run.clearFrames >= closeAfterFrames && at - run.clearSince >= closeAfterMs) {
      this.runs.delete(condition);
      out.push({
        kind: 'closed',
        type: condition,
        startedAt: run.startedAt,
        endedAt: run.clearSince,
        evidence: run.evidence,
      });
    }
  }

  private endFaceConditions(at: number): MachineEvent[] {
    const out: MachineEvent[] = [];
    for (const [condition, run] of this.runs) {
      if (run.open)
        out.push({
          kind: 'closed',
          type: condition,
          startedAt: run.startedAt,
          endedAt: Math.max(run.startedAt, run.clearSince ?? at),
          evidence: run.evidence,
        });
    }
    this.runs.clear();
    return out;
  }
}
