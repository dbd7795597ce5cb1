import { useMemo } from 'react';
import { map } from 'rxjs';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { useDatabase } from '../../data/database-context';
import { indexBy, joinLive } from '../../data/live-join';
import { useLiveQuery } from '../../hooks/use-live-query';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import {
  candidateColumn,
  preparationNotesColumn,
  scheduledColumn,
  statusColumn,
  withCandidateNames$,
  type InterviewRow as InterviewWithCandidate,
} from '../interviewer/interview-table';

interface InterviewRow extends InterviewWithCandidate {
  interviewerName: string | undefined;
}

/** Every interview on this device, with its candidate's and lead interviewer's names, live on all three. */
export function allInterviews$(db: AppDatabase) {
  const interviews$ = repo(db, 'interview_session').find$({ sort: [{ scheduled_at: 'asc' }] });
  return joinLive(
    withCandidateNames$(db, interviews$),
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
  scheduledColumn,
  candidateColumn,
  {
    id: 'interviewer',
    header: 'Interviewer',
    cell: ({ interviewerName }) => interviewerName ?? <span className="muted">Unknown interviewer</span>,
    sortValue: ({ interviewerName }) => interviewerName,
  },
  statusColumn,
  preparationNotesColumn,
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
