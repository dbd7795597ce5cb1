import type { z } from 'zod';
import type { ProctoringEventType as EventTypeEnum } from '../domain/enums';

export type ProctoringEventType = z.infer<typeof EventTypeEnum>;

/** A face box in fractions of the frame (0..1); a box may reach past the edges when the face is cut off. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FrameFace {
  box: FaceBox;
  score: number;
}

/** What the event machine needs from one analysed frame (the detector's FrameAnalysis fits). */
export interface FrameObservation {
  /** Epoch ms when the frame was captured. */
  at: number;
  faces: readonly FrameFace[];
}

/** The per-frame conditions that can become events. */
export type FaceCondition = 'no_face' | 'multiple_faces' | 'face_not_centered';
