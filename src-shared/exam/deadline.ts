/*
 * The exam clock. The deadline is fixed by the session, not by a countdown
 * in memory: started_at + the assessment's duration + any extra time a
 * proctor granted. Time while the station was off therefore counts against
 * the candidate, and a restart shows the correct remaining time.
 */

export interface ClockedSession {
  started_at: string;
  extra_time_seconds?: number;
}

export function examDeadlineMs(session: ClockedSession, durationMinutes: number): number {
  return Date.parse(session.started_at) + durationMinutes * 60_000 + (session.extra_time_seconds ?? 0) * 1000;
}

/** Whole seconds left, rounded up so the display shows 0:00 only once time is really up. */
export function remainingSeconds(deadlineMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

/** Remaining-time thresholds (seconds) at which the candidate is warned. */
export const WARNING_THRESHOLDS = [300, 60] as const;

/**
 * The warning due now, if any: the most urgent threshold reached that has not
 * been given yet. A resume that starts below both thresholds gives only the
 * more urgent one.
 */
export function dueWarning(remaining: number, given: ReadonlySet<number>): number | undefined {
  const reached = WARNING_THRESHOLDS.filter((t) => remaining <= t && remaining > 0);
  const mostUrgent = reached.at(-1);
  return mostUrgent !== undefined && !given.has(mostUrgent) ? mostUrgent : undefined;
}

/** "9:05", or "1:02:03" past an hour. */
export function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The same time in words, for screen readers ("4 minutes 5 seconds"). */
export function spokenDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h && plural(h, 'hour'), m && plural(m, 'minute'), (s || (!h && !m)) && plural(s, 'second')];
  return parts.filter(Boolean).join(' ');
}

/** How long the session took, for `duration_seconds`: never past the deadline, never negative. */
export function durationSeconds(session: ClockedSession, durationMinutes: number, completedAtMs: number): number {
  const end = Math.min(completedAtMs, examDeadlineMs(session, durationMinutes));
  return Math.max(0, Math.round((end - Date.parse(session.started_at)) / 1000));
}
