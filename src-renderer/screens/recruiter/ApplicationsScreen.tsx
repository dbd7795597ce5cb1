import { useMemo, useState } from 'react';
import { useDatabase } from '../../data/database-context';
import { useLiveQuery, type LiveQueryResult } from '../../hooks/use-live-query';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge, type BadgeTone } from '../../components/Badge';
import { formatDate } from '../../format/dates';
import { humanize } from '../../format/labels';
import { useSignedInUser } from '../../state/session-store';
import { applicationRows$, isMine, type ApplicationRow } from '../../review/application-rows';
import { ApplicationReview } from './ApplicationReview';
import '../../styles/review.css';

const statusTone: Record<ApplicationRow['application']['status'], BadgeTone> = {
  pending: 'neutral',
  in_progress: 'info',
  completed: 'info',
  shortlisted: 'success',
  rejected: 'danger',
};

function score({ session }: ApplicationRow): string {
  if (!session) return '—';
  if (!session.is_completed) return 'In progress';
  if (session.score_percentage === undefined) return 'Awaiting scoring';
  return `${session.score_percentage}%`;
}

const columns: readonly Column<ApplicationRow>[] = [
  {
    id: 'candidate',
    header: 'Candidate',
    cell: (r) => r.candidateName ?? <span className="muted">Unknown candidate</span>,
    sortValue: (r) => r.candidateName,
  },
  {
    id: 'requisition',
    header: 'Requisition',
    cell: (r) => r.requisition?.title ?? r.application.role_applied_for ?? '—',
    sortValue: (r) => r.requisition?.title,
  },
  {
    id: 'status',
    header: 'Status',
    cell: (r) => <Badge tone={statusTone[r.application.status]}>{humanize(r.application.status)}</Badge>,
    sortValue: (r) => r.application.status,
  },
  {
    id: 'applied',
    header: 'Applied',
    cell: (r) => <time dateTime={r.application.applied_at}>{formatDate(r.application.applied_at)}</time>,
    sortValue: (r) => r.application.applied_at,
  },
  {
    id: 'score',
    header: 'Score',
    numeric: true,
    cell: score,
    sortValue: (r) => r.session?.score_percentage,
  },
  {
    id: 'proctoring',
    header: 'Proctoring review',
    cell: (r) => <ApplicationReview outcome={r.outcome} />,
    sortValue: (r) => (r.outcome ? Number(r.outcome.followUp) * 1000 + r.outcome.flagged : undefined),
  },
];

/** Applications to the recruiter's requisitions, with exam scores and proctoring outcomes, live. */
export function ApplicationsScreen() {
  const db = useDatabase();
  const user = useSignedInUser();
  const rows$ = useMemo(() => applicationRows$(db), [db]);
  const result = useLiveQuery(rows$);
  const [onlyMine, setOnlyMine] = useState(true);
  const shown: LiveQueryResult<ApplicationRow[]> = useMemo(
    () =>
      result.status === 'ready' && onlyMine
        ? { ...result, data: result.data.filter((r) => isMine(r.requisition, user.id)) }
        : result,
    [result, onlyMine, user.id],
  );
  return (
    <>
      <ScreenHeader title="Applications">
        <p>Candidates’ applications, their exam scores and what proctors found when they reviewed the exam.</p>
      </ScreenHeader>
      <div className="review-filters">
        <label className="checkbox-field">
          <input type="checkbox" checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} /> Only my
          requisitions
        </label>
      </div>
      <DataTable
        caption="Applications"
        captionHidden
        columns={columns}
        result={shown}
        rowKey={(r) => r.application.application_id}
        initialSort={{ columnId: 'applied', direction: 'descending' }}
        emptyMessage={onlyMine ? 'No applications to your requisitions yet.' : 'No applications yet.'}
        loadingMessage="Loading applications…"
      />
    </>
  );
}
