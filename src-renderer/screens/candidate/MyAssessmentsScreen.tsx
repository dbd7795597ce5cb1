import { useMemo } from 'react';
import { combineLatest, map } from 'rxjs';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../../db/database';
import { repo } from '../../db/repository';
import { withComputed, type AssessmentView } from '../../db/relations';
import { useDatabase } from '../../data/database-context';
import { indexBy, joinLive } from '../../data/live-join';
import { useLiveQuery } from '../../hooks/use-live-query';
import { useSignedInUser } from '../../state/session-store';
import { DataTable, type Column } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Badge } from '../../components/Badge';
import { humanize } from '../../format/labels';
import { candidateResult, type CandidateResult } from './released-result';
import { ResultCell } from './ResultCell';

interface AssessmentRow {
  application: Doc<'assessment_application'>;
  assessment: AssessmentView | undefined;
  /** The released score, or that one is awaited; absent before the test is submitted. */
  result: CandidateResult | undefined;
}

/*
 * A candidate account is linked to candidate profiles by email (profiles are
 * created by recruiters, before the person has an account). Emails are
 * matched as typed and lower-cased, as the domain normalises them.
 */
export function myAssessments$(db: AppDatabase, email: string) {
  const emails = [...new Set([email, email.trim().toLowerCase()])];
  const profiles$ = repo(db, 'candidate').find$({ selector: { email: { $in: emails } } });
  const applications$ = joinLive(
    profiles$,
    (profiles) => profiles.map((p) => p.candidate_id),
    (ids) => repo(db, 'assessment_application').find$({ selector: { candidate_id: { $in: ids } } }),
  ).pipe(map(({ related }) => related));
  const withAssessments$ = joinLive(
    applications$,
    (applications) => applications.map((a) => a.assessment_id),
    (ids) => repo(db, 'assessment').find$({ selector: { assessment_id: { $in: ids } } }),
  );
  // Only the candidate's own sessions reach this device, each under the email it was taken with.
  const sessions$ = repo(db, 'test_session').find$({ selector: { candidate_email: { $in: emails } } });
  return combineLatest([withAssessments$, sessions$]).pipe(
    map(([{ rows, related }, sessions]) => {
      const now = new Date();
      const assessments = indexBy(related, (a) => a.assessment_id);
      return rows.map((application): AssessmentRow => {
        const assessment = assessments.get(application.assessment_id);
        return {
          application,
          assessment: assessment && withComputed(assessment, now),
          result: candidateResult(application, sessions),
        };
      });
    }),
  );
}

const columns: readonly Column<AssessmentRow>[] = [
  {
    id: 'title',
    header: 'Assessment',
    cell: ({ assessment }) => assessment?.title ?? <span className="muted">Unavailable on this device</span>,
    sortValue: ({ assessment }) => assessment?.title,
  },
  {
    id: 'status',
    header: 'Status',
    cell: ({ application, assessment }) => (
      <span className="badge-group">
        <Badge
          tone={application.status === 'completed' ? 'success' : application.status === 'rejected' ? 'danger' : 'info'}
        >
          {humanize(application.status)}
        </Badge>
        {assessment?.is_expired && <Badge tone="warning">Expired</Badge>}
      </span>
    ),
    sortValue: ({ application }) => application.status,
  },
  {
    id: 'duration',
    header: 'Duration',
    numeric: true,
    cell: ({ assessment }) => (assessment ? `${assessment.duration_minutes} min` : '—'),
    sortValue: ({ assessment }) => assessment?.duration_minutes,
  },
  {
    id: 'result',
    header: 'Result',
    cell: ({ result }) => <ResultCell result={result} />,
    sortValue: ({ result }) => (result?.state === 'released' ? result.percentage : undefined),
  },
];

export function MyAssessmentsScreen() {
  const db = useDatabase();
  const user = useSignedInUser();
  const assessments$ = useMemo(() => myAssessments$(db, user.email), [db, user.email]);
  const result = useLiveQuery(assessments$);
  return (
    <>
      <ScreenHeader title="My assessments">
        <p>
          Assessments you have applied for, and your score once it is released. An expired assessment can no longer be
          started.
        </p>
      </ScreenHeader>
      <DataTable
        caption="My assessments"
        captionHidden
        columns={columns}
        result={result}
        rowKey={(r) => r.application.application_id}
        initialSort={{ columnId: 'title', direction: 'ascending' }}
        emptyMessage="You have no assessments yet."
        loadingMessage="Loading assessments…"
      />
    </>
  );
}
