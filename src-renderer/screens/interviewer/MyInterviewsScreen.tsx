import { useMemo } from 'react';
import { map } from 'rxjs';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { indexBy, joinLive } from '../../data/live-join';
import { useLiveQuery } from '../../hooks/use-live-query';
import { useSignedInUser } from '../../state/session-store';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge } from '../../components/Badge';
import { formatInTimeZone } from '../../format/dates';
import { humanize } from '../../format/labels';
import { PreparationNotesCell } from './PreparationNotes';

interface InterviewRow {
  interview: Doc<'interview_session'>;
  candidateName: string | undefined;
}

/** Interviews the user leads or sits on, each with its candidate's name. */
export function myInterviews$(db: AppDatabase, userId: string) {
  const interviews$ = repo(db, 'interview_session').find$({
    selector: { $or: [{ interviewer_id: userId }, { additional_interviewers: { $elemMatch: { $eq: userId } } }] },
    sort: [{ scheduled_at: 'asc' }],
  });
  return joinLive(
    interviews$,
    (interviews) => interviews.map((i) => i.candidate_id),
    (ids) => repo(db, 'candidate').find$({ selector: { candidate_id: { $in: ids } } }),
  ).pipe(
    map(({ rows, related }) => {
      const candidates = indexBy(related, (c) => c.candidate_id);
      return rows.map((interview): InterviewRow => ({
        interview,
        candidateName: candidates.get(interview.candidate_id)?.full_name,
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
    id: 'type',
    header: 'Type',
    cell: ({ interview }) => humanize(interview.interview_type),
    sortValue: ({ interview }) => interview.interview_type,
  },
  {
    id: 'mode',
    header: 'Mode',
    cell: ({ interview }) => humanize(interview.interview_mode),
    sortValue: ({ interview }) => interview.interview_mode,
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

export function MyInterviewsScreen() {
  const db = useDatabase();
  const user = useSignedInUser();
  const interviews$ = useMemo(() => myInterviews$(db, user.id), [db, user.id]);
  const result = useLiveQuery(interviews$);
  return (
    <>
      <ScreenHeader title="My interviews">
        <p>Interviews you lead or join as an additional interviewer. Times are shown in each interview’s time zone.</p>
      </ScreenHeader>
      <DataTable
        caption="My interviews"
        captionHidden
        columns={columns}
        result={result}
        rowKey={(r) => r.interview.interview_id}
        initialSort={{ columnId: 'scheduled', direction: 'ascending' }}
        emptyMessage="You have no interviews."
        loadingMessage="Loading interviews…"
      />
    </>
  );
}
