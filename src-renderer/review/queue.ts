import { format, parseISO } from 'date-fns';
import type { Doc } from '@shared/domain/registry';
import type { ProctoringIncidentSeverity } from '@shared/domain/enums';
import { severityRank, worse } from './severity';

/*
 * The proctor's review queue, as pure functions over what the device holds:
 * one row per session that has proctoring events (or was flagged for
 * follow-up), ordered so the most urgent work comes first.
 */

type Session = Doc<'test_session'>;
type ProctoringEvent = Doc<'proctoring_event'>;

export interface QueueRow {
  session: Session;
  assessmentTitle: string | undefined;
  events: number;
  flagged: number;
  /** Flagged events no proctor has reviewed yet: the work left on this session. */
  awaitingReview: number;
  /** The worst severity among all the session's events. */
  highest: ProctoringIncidentSeverity | undefined;
  lastEventAt: string | undefined;
}

export type ReviewState = 'all' | 'awaiting' | 'reviewed';

export interface QueueFilter {
  assessmentId?: string;
  /** Local calendar days (yyyy-MM-dd, as a date input gives them), inclusive, on the session's start. */
  from?: string;
  to?: string;
  /** Sessions whose worst event is at least this severe. */
  minSeverity?: ProctoringIncidentSeverity;
  reviewState: ReviewState;
}

export const noFilter: QueueFilter = { reviewState: 'all' };

export function buildQueue(
  sessions: readonly Session[],
  events: readonly ProctoringEvent[],
  assessments: readonly Pick<Doc<'assessment'>, 'assessment_id' | 'title'>[],
): QueueRow[] {
  const titles = new Map(assessments.map((a) => [a.assessment_id, a.title]));
  const bySession = new Map<string, ProctoringEvent[]>();
  for (const e of events) {
    const list = bySession.get(e.test_session_id);
    if (list) list.push(e);
    else bySession.set(e.test_session_id, [e]);
  }
  const rows: QueueRow[] = [];
  for (const session of sessions) {
    const own = bySession.get(session.session_id) ?? [];
    if (!own.length && !session.needs_review) continue;
    let highest: ProctoringIncidentSeverity | undefined;
    let lastEventAt: string | undefined;
    let flagged = 0;
    let awaitingReview = 0;
    for (const e of own) {
      highest = worse(highest, e.severity);
      if (!lastEventAt || e.detected_at > lastEventAt) lastEventAt = e.detected_at;
      if (e.flagged) {
        flagged += 1;
        if (!e.reviewed) awaitingReview += 1;
      }
    }
    rows.push({
      session,
      assessmentTitle: session.assessment_id ? titles.get(session.assessment_id) : undefined,
      events: own.length,
      flagged,
      awaitingReview,
      highest,
      lastEventAt,
    });
  }
  return rows.sort(compareQueueRows);
}

/** Most flagged events first, then the worst severity, then the most recent activity. */
export function compareQueueRows(a: QueueRow, b: QueueRow): number {
  return (
    b.flagged - a.flagged ||
    (b.highest ? severityRank[b.highest] : 0) - (a.highest ? severityRank[a.highest] : 0) ||
    (b.lastEventAt ?? b.session.started_at).localeCompare(a.lastEventAt ?? a.session.started_at) ||
    a.session.session_id.localeCompare(b.session.session_id)
  );
}

export function localDay(iso: string): string {
  return format(parseISO(iso), 'yyyy-MM-dd');
}

export function filterQueue(rows: readonly QueueRow[], filter: QueueFilter): QueueRow[] {
  return rows.filter((row) => {
    if (filter.assessmentId && row.session.assessment_id !== filter.assessmentId) return false;
    if (filter.from || filter.to) {
      const day = localDay(row.session.started_at);
      if (filter.from && day < filter.from) return false;
      if (filter.to && day > filter.to) return false;
    }
    if (filter.minSeverity && (!row.highest || severityRank[row.highest] < severityRank[filter.minSeverity]))
      return false;
    if (filter.reviewState === 'awaiting' && row.awaitingReview === 0) return false;
    if (filter.reviewState === 'reviewed' && row.awaitingReview > 0) return false;
    return true;
  });
}

/** The assessments sessions in the queue belong to, by title, for the filter's choices. */
export function assessmentChoices(rows: readonly QueueRow[]): { id: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const id = row.session.assessment_id;
    if (id && !seen.has(id)) seen.set(id, row.assessmentTitle ?? 'Untitled assessment');
  }
  return [...seen].map(([id, title]) => ({ id, title })).sort((a, b) => a.title.localeCompare(b.title));
}
