import type { Doc } from '../domain/registry';
import type { Evidence } from './event-machine';
import { needsReview, severityOf } from './severity';
import type { ProctoringEventType } from './types';

/*
 * The proctoring_event document for an event that has ENDED. Detection fields
 * are frozen once an event exists on the server (conflict-rules.ts: append-only
 * evidence), so a station writes each event once, when it ends, with its start
 * time, final duration, severity and snapshot_url; nothing detected is ever
 * updated afterwards. Proctors later change only the review fields.
 */

export interface EventRecordInput {
  eventId: string;
  sessionId: string;
  type: ProctoringEventType;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  questionId?: string;
  /** Detector evidence (face events) or anything the caller wants kept (focus events). */
  evidence?: Evidence;
  metadata?: Record<string, unknown>;
  snapshotUrl?: string;
  /** Epoch ms of the write. */
  now: number;
}

const round = (value: number, places = 4) => Number(value.toFixed(places));

/** Evidence as JSON metadata: short keys, rounded numbers. */
export function evidenceMetadata(evidence: Evidence): Record<string, unknown> {
  return {
    faces: evidence.faces.map((f) => ({
      x: round(f.box.x),
      y: round(f.box.y),
      width: round(f.box.width),
      height: round(f.box.height),
      score: round(f.score),
    })),
    max_faces: evidence.maxFaces,
    frames: evidence.frames,
    ...(evidence.reason ? { reason: evidence.reason } : {}),
    ...(evidence.problem ? { problem: evidence.problem } : {}),
  };
}

/** Durations are stored in whole milliseconds (the entity's multipleOf(0.001)). */
export function durationSeconds(startedAt: number, endedAt: number): number {
  return Math.max(0, Math.round(endedAt - startedAt)) / 1000;
}

export function eventRecord(input: EventRecordInput): Doc<'proctoring_event'> {
  const duration = durationSeconds(input.startedAt, input.endedAt);
  const metadata = JSON.parse(
    JSON.stringify({ ...(input.evidence ? evidenceMetadata(input.evidence) : {}), ...input.metadata }),
  ) as Record<string, never>;
  const severity = severityOf(input.type, duration, metadata);
  const stamp = new Date(input.now).toISOString();
  return {
    event_id: input.eventId,
    test_session_id: input.sessionId,
    event_type: input.type,
    severity,
    detected_at: new Date(input.startedAt).toISOString(),
    duration_seconds: duration,
    ...(input.questionId ? { question_id: input.questionId } : {}),
    ...(input.snapshotUrl ? { snapshot_url: input.snapshotUrl } : {}),
    metadata,
    reviewed: false,
    flagged: needsReview(severity),
    created_at: stamp,
    updated_at: stamp,
  };
}
