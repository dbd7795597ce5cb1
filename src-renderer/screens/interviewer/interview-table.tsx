import { map, type Observable } from 'rxjs';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { indexBy, joinLive } from '../../data/live-join';
import type { Column } from '../../components/DataTable';
import { Badge } from '../../components/Badge';
import { formatInTimeZone } from '../../format/dates';
import { humanize } from '../../format/labels';
import { PreparationNotesCell } from './PreparationNotes';

/*
 * What the interviewer's and the recruiter's interview lists share: rows of an
 * interview with its candidate's name, and the columns both show.
 */

export interface InterviewRow {
  interview: Doc<'interview_session'>;
  candidateName: string | undefined;
}

/** The interviews, each with its candidate's name, live on both. */
export function withCandidateNames$(
  db: AppDatabase,
  interviews$: Observable<Doc<'interview_session'>[]>,
): Observable<InterviewRow[]> {
  return joinLive(
    interviews$,
    (interviews) => interviews.map((i) => i.candidate_id),
    (ids) => repo(db, 'candidate').find$({ selector: { candidate_id: { $in: ids } } }),
  ).pipe(
    map(({ rows, related }) => {
      const candidates = indexBy(related, (c) => c.candidate_id);
      return rows.map((interview) => ({ interview, candidateName: candidates.get(interview.candidate_id)?.full_name }));
    }),
  );
}

export const scheduledColumn: Column<InterviewRow> = {
  id: 'scheduled',
  header: 'Scheduled',
  cell: ({ interview }) => (
    <time dateTime={interview.scheduled_at}>{formatInTimeZone(interview.scheduled_at, interview.timezone)}</time>
  ),
  sortValue: ({ interview }) => interview.scheduled_at,
};

export const candidateColumn: Column<InterviewRow> = {
  id: 'candidate',
  header: 'Candidate',
  cell: ({ candidateName }) => candidateName ?? <span className="muted">Unknown candidate</span>,
  sortValue: ({ candidateName }) => candidateName,
};

export const statusColumn: Column<InterviewRow> = {
  id: 'status',
  header: 'Status',
  cell: ({ interview }) => (
    <Badge tone={interview.status === 'scheduled' ? 'info' : interview.status === 'completed' ? 'success' : 'neutral'}>
      {humanize(interview.status)}
    </Badge>
  ),
  sortValue: ({ interview }) => interview.status,
};

export const preparationNotesColumn: Column<InterviewRow> = {
  id: 'notes',
  header: 'Preparation notes',
  cell: ({ interview, candidateName }) => <PreparationNotesCell interview={interview} candidateName={candidateName} />,
};
