import type { Doc } from '@shared/domain/registry';

/*
 * The proctoring review's outcome for one application, as a recruiter reads
 * it: how much was flagged, whether proctors have looked at it, and whether
 * the session was flagged for follow-up.
 */

export interface ProctoringOutcome {
  events: number;
  flagged: number;
  reviewedFlagged: number;
  followUp: boolean;
  reason: string | undefined;
}

export function proctoringOutcome(
  session: Pick<Doc<'test_session'>, 'needs_review' | 'review_reason'>,
  events: readonly Pick<Doc<'proctoring_event'>, 'flagged' | 'reviewed'>[],
): ProctoringOutcome {
  const flagged = events.filter((e) => e.flagged);
  return {
    events: events.length,
    flagged: flagged.length,
    reviewedFlagged: flagged.filter((e) => e.reviewed).length,
    followUp: session.needs_review === true,
    reason: session.review_reason?.trim() || undefined,
  };
}

/** "Proctoring: 3 flagged, all reviewed; session flagged for follow-up: <reason>". */
export function describeOutcome(o: ProctoringOutcome): string {
  let flagged: string;
  if (o.flagged === 0) flagged = o.events ? `no flagged events (${o.events} recorded)` : 'no events recorded';
  else if (o.reviewedFlagged === o.flagged) flagged = `${o.flagged} flagged, all reviewed`;
  else if (o.reviewedFlagged === 0) flagged = `${o.flagged} flagged, none reviewed yet`;
  else flagged = `${o.flagged} flagged, ${o.flagged - o.reviewedFlagged} awaiting review`;
  const followUp = o.followUp ? `; session flagged for follow-up${o.reason ? `: ${o.reason}` : ''}` : '';
  return `Proctoring: ${flagged}${followUp}`;
}
