import type { ProctoringIncidentSeverity } from '../domain/enums';
import type { ProctoringEventType } from './types';

/*
 * THE severity rule table for proctoring events. Each event type has steps:
 * the event takes the severity of the last step whose `from` (seconds) its
 * duration reaches. An event is `flagged` for a proctor's review when its
 * severity is at least REVIEW_FROM.
 *
 * | type               | < 5 s  | 5–10 s | 10–30 s | ≥ 30 s   | why                                          |
 * | ------------------ | ------ | ------ | ------- | -------- | -------------------------------------------- |
 * | multiple_faces     | high   | high   | high    | critical | someone else at the screen is never benign   |
 * | no_face            | low    | medium | high    | high     | a candidate who leaves for > 10 s            |
 * | face_not_centered  | low    | low    | medium  | high     | looking away / leaning out of frame for long |
 * | camera_unavailable | medium | medium | high    | high     | unproctored time; denied/no camera: high     |
 * | window_blur        | low    | medium | medium  | high     | another window has the keyboard              |
 * | tab_switch         | low    | medium | medium  | high     | same as window_blur in a browser             |
 * | fullscreen_exit    | medium | medium | high    | high     | the kiosk was left                           |
 * | blocked_shortcut   | low    | low    | low     | low      | blocked, so nothing happened; a pattern shows |
 * | second_display     | high   | high   | high    | high     | a screen the proctor cannot see              |
 *
 * camera_unavailable with problem 'denied' or 'not_found' is high from the
 * start: the whole exam is unproctored, not a glitch.
 */

export interface SeverityStep {
  from: number;
  severity: ProctoringIncidentSeverity;
}

export const severityRules: Readonly<Record<ProctoringEventType, readonly SeverityStep[]>> = {
  multiple_faces: [
    { from: 0, severity: 'high' },
    { from: 30, severity: 'critical' },
  ],
  no_face: [
    { from: 0, severity: 'low' },
    { from: 5, severity: 'medium' },
    { from: 10, severity: 'high' },
  ],
  face_not_centered: [
    { from: 0, severity: 'low' },
    { from: 10, severity: 'medium' },
    { from: 30, severity: 'high' },
  ],
  camera_unavailable: [
    { from: 0, severity: 'medium' },
    { from: 10, severity: 'high' },
  ],
  window_blur: [
    { from: 0, severity: 'low' },
    { from: 5, severity: 'medium' },
    { from: 30, severity: 'high' },
  ],
  tab_switch: [
    { from: 0, severity: 'low' },
    { from: 5, severity: 'medium' },
    { from: 30, severity: 'high' },
  ],
  fullscreen_exit: [
    { from: 0, severity: 'medium' },
    { from: 10, severity: 'high' },
  ],
  blocked_shortcut: [{ from: 0, severity: 'low' }],
  second_display: [{ from: 0, severity: 'high' }],
};

const ORDER: readonly ProctoringIncidentSeverity[] = ['low', 'medium', 'high', 'critical'];

/** Severities from this one up call for a proctor's review (`flagged`). */
export const REVIEW_FROM: ProctoringIncidentSeverity = 'high';

/** Camera problems that leave the whole exam unproctored, not a passing glitch. */
const LASTING_CAMERA_PROBLEMS = new Set(['denied', 'not_found']);

export function severityOf(
  type: ProctoringEventType,
  durationSeconds: number,
  metadata: Readonly<Record<string, unknown>> = {},
): ProctoringIncidentSeverity {
  if (type === 'camera_unavailable' && LASTING_CAMERA_PROBLEMS.has(String(metadata.problem))) return 'high';
  let severity: ProctoringIncidentSeverity = 'low';
  for (const step of severityRules[type]) if (durationSeconds >= step.from) severity = step.severity;
  return severity;
}

export function needsReview(severity: ProctoringIncidentSeverity): boolean {
  return ORDER.indexOf(severity) >= ORDER.indexOf(REVIEW_FROM);
}

export function compareSeverity(a: ProctoringIncidentSeverity, b: ProctoringIncidentSeverity): number {
  return ORDER.indexOf(a) - ORDER.indexOf(b);
}
