import { useMemo } from 'react';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { useLiveQuery } from '../../hooks/use-live-query';
import { useSignedInUser } from '../../state/session-store';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { humanize } from '../../format/labels';
import {
  candidateColumn,
  preparationNotesColumn,
  scheduledColumn,
  statusColumn,
  withCandidateNames$,
  type InterviewRow,
} from './interview-table';

/** Interviews the user leads or sits on, each with its candidate's name. */
export function myInterviews$(db: AppDatabase, userId: string) {
  const interviews$ = repo(db, 'interview_session').find$({
    selector: { $or: [{ interviewer_id: userId }, { additional_interviewers: { $elemMatch: { $eq: userId } } }] },
    sort: [{ scheduled_at: 'asc' }],
  });
  return withCandidateNames$(db, interviews$);
}

const columns: readonly Column<InterviewRow>[] = [
  scheduledColumn,
  candidateColumn,
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
  statusColumn,
  preparationNotesColumn,
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
