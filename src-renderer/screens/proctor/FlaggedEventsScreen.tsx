import { useMemo } from 'react';
import { map } from 'rxjs';
import type { Doc } from '@shared/domain/registry';
import type { ProctoringIncidentSeverity } from '@shared/domain/enums';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { indexBy, joinLive } from '../../data/live-join';
import { useLiveQuery } from '../../hooks/use-live-query';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge, type BadgeTone } from '../../components/Badge';
import { formatDateTime } from '../../format/dates';
import { humanize } from '../../format/labels';

interface FlaggedRow {
  event: Doc<'proctoring_event'>;
  candidateName: string | undefined;
}

/** Higher is worse; the enum's own order is alphabetical, not by severity. */
export const severityRank: Record<ProctoringIncidentSeverity, number> = { low: 1, medium: 2, high: 3, critical: 4 };

const severityTone: Record<ProctoringIncidentSeverity, BadgeTone> = {
  low: 'neutral',
  medium: 'info',
  high: 'warning',
  critical: 'danger',
};

/** Flagged events, newest first, with the candidate of each session. */
export function flaggedEvents$(db: AppDatabase) {
  const events$ = repo(db, 'proctoring_event').find$({ selector: { flagged: true }, sort: [{ detected_at: 'desc' }] });
  return joinLive(
    events$,
    (events) => events.map((e) => e.test_session_id),
    (ids) => repo(db, 'test_session').find$({ selector: { session_id: { $in: ids } } }),
  ).pipe(
    map(({ rows, related }) => {
      const sessions = indexBy(related, (s) => s.session_id);
      return rows.map((event): FlaggedRow => ({
        event,
        candidateName: sessions.get(event.test_session_id)?.candidate_name,
      }));
    }),
  );
}

const columns: readonly Column<FlaggedRow>[] = [
  {
    id: 'candidate',
    header: 'Candidate',
    cell: ({ candidateName }) => candidateName ?? <span className="muted">Unknown session</span>,
    sortValue: ({ candidateName }) => candidateName,
  },
  {
    id: 'type',
    header: 'Event',
    cell: ({ event }) => humanize(event.event_type),
    sortValue: ({ event }) => event.event_type,
  },
  {
    id: 'severity',
    header: 'Severity',
    cell: ({ event }) => <Badge tone={severityTone[event.severity]}>{humanize(event.severity)}</Badge>,
    sortValue: ({ event }) => severityRank[event.severity],
  },
  {
    id: 'detected',
    header: 'Detected',
    cell: ({ event }) => <time dateTime={event.detected_at}>{formatDateTime(event.detected_at)}</time>,
    sortValue: ({ event }) => event.detected_at,
  },
  {
    id: 'reviewed',
    header: 'Reviewed',
    cell: ({ event }) => (event.reviewed ? 'Yes' : <Badge tone="warning">Not yet</Badge>),
    sortValue: ({ event }) => event.reviewed,
  },
];

export function FlaggedEventsScreen() {
  const db = useDatabase();
  const events$ = useMemo(() => flaggedEvents$(db), [db]);
  const result = useLiveQuery(events$);
  return (
    <>
      <ScreenHeader title="Flagged proctoring events">
        <p>Most severe first; within a severity, the most recent first.</p>
      </ScreenHeader>
      <DataTable
        caption="Flagged proctoring events"
        captionHidden
        columns={columns}
        result={result}
        rowKey={(r) => r.event.event_id}
        // Rows arrive newest first and sorting is stable, so this orders by severity, then time.
        initialSort={{ columnId: 'severity', direction: 'descending' }}
        emptyMessage="No flagged events."
        loadingMessage="Loading flagged events…"
      />
    </>
  );
}
