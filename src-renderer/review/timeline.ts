import type { Doc } from '@shared/domain/registry';

/*
 * Where each event of a session falls on the exam's clock. The exam's length
 * is what the candidate was allowed (the assessment's duration plus any extra
 * time granted), stretched if events ran past it, so nothing falls off the end.
 */

type ProctoringEvent = Doc<'proctoring_event'>;

export interface ExamWindow {
  startMs: number;
  lengthSeconds: number;
  /** What the candidate was allowed, when known; the timeline marks it. */
  allowedSeconds: number | undefined;
}

export interface TimelineItem {
  event: ProctoringEvent;
  /** Seconds from the session's start. */
  offsetSeconds: number;
  /** Position and width as fractions of the window, for drawing. */
  start: number;
  width: number;
}

/** A zero-length event still gets a visible mark. */
const MIN_WIDTH = 0.004;

export function examWindow(
  session: Pick<Doc<'test_session'>, 'started_at' | 'duration_seconds' | 'extra_time_seconds'>,
  assessment: Pick<Doc<'assessment'>, 'duration_minutes'> | undefined,
  events: readonly Pick<ProctoringEvent, 'detected_at' | 'duration_seconds'>[],
): ExamWindow {
  const startMs = Date.parse(session.started_at);
  const allowedSeconds = assessment
    ? assessment.duration_minutes * 60 + (session.extra_time_seconds ?? 0)
    : session.duration_seconds;
  let end = allowedSeconds ?? session.duration_seconds ?? 0;
  for (const e of events) end = Math.max(end, (Date.parse(e.detected_at) - startMs) / 1000 + e.duration_seconds);
  return { startMs, lengthSeconds: Math.max(end, 1), allowedSeconds };
}

export function layoutTimeline(events: readonly ProctoringEvent[], window: ExamWindow): TimelineItem[] {
  return events.map((event) => {
    const offsetSeconds = Math.max(0, (Date.parse(event.detected_at) - window.startMs) / 1000);
    const start = Math.min(1, offsetSeconds / window.lengthSeconds);
    const width = Math.min(1 - start, Math.max(MIN_WIDTH, event.duration_seconds / window.lengthSeconds));
    return { event, offsetSeconds, start, width };
  });
}

/** "4:05" or "1:02:09": a position on the exam's clock. */
export function formatOffset(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "12 s", "3 min 4 s": how long an event lasted, in words a screen reader reads well. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
}
