import { useMemo } from 'react';
import { Link } from '@tanstack/react-router';
import type { ProctoringIncidentSeverity } from '@shared/domain/enums';
import { useDatabase } from '../../data/database-context';
import { useLiveQuery, type LiveQueryResult } from '../../hooks/use-live-query';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge } from '../../components/Badge';
import { DateFilterField } from '../../components/DateFilterField';
import { formatDateTime } from '../../format/dates';
import { humanize } from '../../format/labels';
import { reviewQueue$ } from '../../review/queries';
import { assessmentChoices, filterQueue, localDay, type QueueRow, type ReviewState } from '../../review/queue';
import { severitiesByRank, severityRank, severityTone } from '../../review/severity';
import { useQueueFilter } from '../../review/filter-store';
import '../../styles/review.css';

const reviewStates: Record<ReviewState, string> = {
  all: 'Any',
  awaiting: 'Awaiting review',
  reviewed: 'Fully reviewed',
};

const columns: readonly Column<QueueRow>[] = [
  {
    id: 'candidate',
    header: 'Candidate',
    cell: (r) => (
      <Link to="/proctor/review/$sessionId" params={{ sessionId: r.session.session_id }}>
        {r.session.candidate_name}
      </Link>
    ),
    sortValue: (r) => r.session.candidate_name,
  },
  {
    id: 'assessment',
    header: 'Assessment',
    cell: (r) => r.assessmentTitle ?? <span className="muted">Unknown</span>,
    sortValue: (r) => r.assessmentTitle,
  },
  {
    id: 'started',
    header: 'Started',
    cell: (r) => <time dateTime={r.session.started_at}>{formatDateTime(r.session.started_at)}</time>,
    sortValue: (r) => r.session.started_at,
  },
  { id: 'flagged', header: 'Flagged', numeric: true, cell: (r) => r.flagged, sortValue: (r) => r.flagged },
  {
    id: 'highest',
    header: 'Highest severity',
    cell: (r) => (r.highest ? <Badge tone={severityTone[r.highest]}>{humanize(r.highest)}</Badge> : '—'),
    sortValue: (r) => (r.highest ? severityRank[r.highest] : undefined),
  },
  {
    id: 'review',
    header: 'Review',
    cell: (r) => (
      <span className="badge-group">
        {r.awaitingReview ? (
          <Badge tone="warning">{r.awaitingReview} awaiting review</Badge>
        ) : (
          <Badge tone="success">{r.flagged ? 'All reviewed' : 'Nothing flagged'}</Badge>
        )}
        {r.session.needs_review && <Badge tone="danger">Follow-up</Badge>}
      </span>
    ),
    sortValue: (r) => r.awaitingReview,
  },
];

function Filters({ rows }: { rows: readonly QueueRow[] }) {
  const { filter, setFilter, reset } = useQueueFilter();
  const assessments = useMemo(() => assessmentChoices(rows), [rows]);
  // The calendars open on the latest session's day: the sessions a proctor looks for are recent ones.
  const latestDay = useMemo(() => {
    const latest = rows.reduce<string | undefined>(
      (max, r) => (!max || r.session.started_at > max ? r.session.started_at : max),
      undefined,
    );
    return latest ? localDay(latest) : undefined;
  }, [rows]);
  return (
    <form role="search" aria-label="Filter sessions" className="review-filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="queue-assessment">Assessment</label>
        <select
          id="queue-assessment"
          value={filter.assessmentId ?? ''}
          onChange={(e) => setFilter({ assessmentId: e.target.value || undefined })}
        >
          <option value="">All assessments</option>
          {assessments.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </div>
      {(['from', 'to'] as const).map((end) => (
        <DateFilterField
          key={end}
          label={end === 'from' ? 'Started from' : 'Started until'}
          value={filter[end]}
          near={latestDay}
          onChange={(day) => setFilter({ [end]: day })}
        />
      ))}
      <div className="field">
        <label htmlFor="queue-severity">Severity at least</label>
        <select
          id="queue-severity"
          value={filter.minSeverity ?? ''}
          onChange={(e) => setFilter({ minSeverity: (e.target.value || undefined) as ProctoringIncidentSeverity })}
        >
          <option value="">Any severity</option>
          {severitiesByRank.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="queue-reviewed">Reviewed</label>
        <select
          id="queue-reviewed"
          value={filter.reviewState}
          onChange={(e) => setFilter({ reviewState: e.target.value as ReviewState })}
        >
          {Object.entries(reviewStates).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button-quiet button-small" onClick={reset}>
        Clear filters
      </button>
    </form>
  );
}

/** The proctor's home: sessions to review, most flagged and most severe first, live. */
export function ReviewQueueScreen() {
  const db = useDatabase();
  const queue$ = useMemo(() => reviewQueue$(db), [db]);
  const result = useLiveQuery(queue$);
  const filter = useQueueFilter((s) => s.filter);
  const shown: LiveQueryResult<QueueRow[]> = useMemo(
    () => (result.status === 'ready' ? { ...result, data: filterQueue(result.data, filter) } : result),
    [result, filter],
  );
  const total = result.data?.length ?? 0;
  return (
    <>
      <ScreenHeader title="Review queue">
        <p>
          Exam sessions with proctoring events: the most flagged events first, then the highest severity. Reviews are
          saved on this device and sync when it is online.
        </p>
      </ScreenHeader>
      <Filters rows={result.data ?? []} />
      {shown.status === 'ready' && (
        <p role="status" className="review-count">
          {shown.data.length === total
            ? `${total} ${total === 1 ? 'session' : 'sessions'}`
            : `${shown.data.length} of ${total} sessions match the filters`}
        </p>
      )}
      <DataTable
        caption="Sessions to review"
        captionHidden
        columns={columns}
        result={shown}
        rowKey={(r) => r.session.session_id}
        emptyMessage={total ? 'No session matches these filters.' : 'No proctoring events on this device yet.'}
        loadingMessage="Loading the review queue…"
      />
    </>
  );
}
