import { useMemo } from 'react';
import { map } from 'rxjs';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { indexBy, joinLive } from '../../data/live-join';
import { useLiveQuery } from '../../hooks/use-live-query';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge } from '../../components/Badge';
import { formatInTimeZone } from '../../format/dates';
import { humanize } from '../../format/labels';
import { PreparationNotesCell } from '../interviewer/PreparationNotes';

interface InterviewRow {
  interview: Doc<'interview_session'>;
  candidateName: string | undefined;
  interviewerName: string | undefined;
}

/** Every interview on this device, with its candidate's and lead interviewer's names, live on all three. */
export function allInterviews$(db: AppDatabase) {
  const interviews$ = repo(db, 'interview_session').find$({ sort: [{ scheduled_at: 'asc' }] });
  const withCandidates$ = joinLive(
    interviews$,
    (interviews) => interviews.map((i) => i.candidate_id),
    (ids) => repo(db, 'candidate').find$({ selector: { candidate_id: { $in: ids } } }),
  ).pipe(
    map(({ rows, related }) => {
      const candidates = indexBy(related, (c) => c.candidate_id);
      return rows.map((interview) => ({ interview, candidateName: candidates.get(interview.candidate_id)?.full_name }));
    }),
  );
  return joinLive(
    withCandidates$,
    (rows) => rows.map((r) => r.interview.interviewer_id),
    (ids) => repo(db, 'user').find$({ selector: { id: { $in: ids } } }),
  ).pipe(
    map(({ rows, related }) => {
      const users = indexBy(related, (u) => u.id);
      return rows.map((row): InterviewRow => ({
        ...row,
        interviewerName: users.get(row.interview.interviewer_id)?.full_name,
      }));
    }),
  );
}

const columns: readonly Column<InterviewRow>[] = [
  {
    id: 'scheduled',
    header: 'Scheduled',
    cell: ({ interview }) => (
      <time dateTime={interview.scheduled_at}>{formatInTimeZone(interview.scheduled_at, interview.timezone)}</time>
    ),
    sortValue: ({ interview }) => interview.scheduled_at,
  },
  {
    id: 'candidate',
    header: 'Candidate',
    cell: ({ candidateName }) => candidateName ?? <span className="muted">Unknown candidate</span>,
    sortValue: ({ candidateName }) => candidateName,
  },
  {
    id: 'interviewer',
    header: 'Interviewer',
    cell: ({ interviewerName }) => interviewerName ?? <span className="muted">Unknown interviewer</span>,
    sortValue: ({ interviewerName }) => interviewerName,
  },
  {
    id: 'status',
    header: 'Status',
    cell: ({ interview }) => (
      <Badge
        tone={interview.status === 'scheduled' ? 'info' : interview.status === 'completed' ? 'success' : 'neutral'}
      >
        {humanize(interview.status)}
      </Badge>
    ),
    sortValue: ({ interview }) => interview.status,
  },
  {
    id: 'notes',
    header: 'Preparation notes',
    cell: ({ interview, candidateName }) => (
      <PreparationNotesCell interview={interview} candidateName={candidateName} />
    ),
  },
];

/** The recruiter's view of the interviews they organise, with the notes interviewers prepare. */
export function InterviewsScreen() {
  const db = useDatabase();
  const interviews$ = useMemo(() => allInterviews$(db), [db]);
  const result = useLiveQuery(interviews$);
  return (
    <>
      <ScreenHeader title="Interviews">
        <p>Every interview, with who leads it and how it is being prepared. Times are in each interview’s zone.</p>
      </ScreenHeader>
      <DataTable
        caption="Interviews"
        captionHidden
        columns={columns}
        result={result}
        rowKey={(r) => r.interview.interview_id}
        initialSort={{ columnId: 'scheduled', direction: 'ascending' }}
        emptyMessage="No interviews yet."
        loadingMessage="Loading interviews…"
      />
    </>
  );
}
