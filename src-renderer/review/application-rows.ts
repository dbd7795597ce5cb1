import { combineLatest, map, type Observable } from 'rxjs';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { joinLive } from '../data/live-join';
import { proctoringOutcome, type ProctoringOutcome } from './outcome';

/*
 * The recruiter's applications, each with its requisition, its exam session's
 * score and the proctoring review's outcome.
 */

type Requisition = Doc<'job_requisition'>;

export interface ApplicationRow {
  application: Doc<'assessment_application'>;
  candidateName: string | undefined;
  requisition: Requisition | undefined;
  assessmentTitle: string | undefined;
  session: Doc<'test_session'> | undefined;
  /** Absent until the candidate has taken the exam. */
  outcome: ProctoringOutcome | undefined;
}

/**
 * An application names the requisition it answers by its title
 * (`role_applied_for`); one without it belongs to the requisition that uses
 * its assessment.
 */
export function requisitionOf(
  application: Pick<Doc<'assessment_application'>, 'role_applied_for' | 'assessment_id'>,
  requisitions: readonly Requisition[],
): Requisition | undefined {
  const title = application.role_applied_for?.trim();
  return (
    (title ? requisitions.find((r) => r.title === title) : undefined) ??
    requisitions.find((r) => r.assessment_id === application.assessment_id)
  );
}

/** Requisitions a recruiter works on: created by them, or where they are the hiring manager. */
export function isMine(requisition: Requisition | undefined, userId: string): boolean {
  return requisition !== undefined && (requisition.created_by === userId || requisition.hiring_manager_id === userId);
}

export function applicationRows$(db: AppDatabase): Observable<ApplicationRow[]> {
  const applications$ = repo(db, 'assessment_application').find$({ sort: [{ applied_at: 'desc' }] });
  const withSessions$ = joinLive(
    applications$,
    (apps) => apps.flatMap((a) => (a.test_session_id ? [a.test_session_id] : [])),
    (ids) =>
      combineLatest([
        repo(db, 'test_session').find$({ selector: { session_id: { $in: ids } } }),
        repo(db, 'proctoring_event').find$({ selector: { test_session_id: { $in: ids } } }),
      ]).pipe(map(([sessions, events]) => [{ sessions, events }])),
  );
  const withCandidates$ = joinLive(
    applications$,
    (apps) => apps.map((a) => a.candidate_id),
    (ids) => repo(db, 'candidate').find$({ selector: { candidate_id: { $in: ids } } }),
  );
  return combineLatest([
    withSessions$,
    withCandidates$,
    repo(db, 'job_requisition').find$(),
    repo(db, 'assessment').find$(),
  ]).pipe(
    map(([{ rows: applications, related }, { related: candidates }, requisitions, assessments]) => {
      const sessions = new Map((related[0]?.sessions ?? []).map((s) => [s.session_id, s]));
      const events = new Map<string, Doc<'proctoring_event'>[]>();
      for (const e of related[0]?.events ?? [])
        events.set(e.test_session_id, [...(events.get(e.test_session_id) ?? []), e]);
      const names = new Map(candidates.map((c) => [c.candidate_id, c.full_name]));
      const titles = new Map(assessments.map((a) => [a.assessment_id, a.title]));
      return applications.map((application): ApplicationRow => {
        const session = application.test_session_id ? sessions.get(application.test_session_id) : undefined;
        return {
          application,
          candidateName: names.get(application.candidate_id),
          requisition: requisitionOf(application, requisitions),
          assessmentTitle: titles.get(application.assessment_id),
          session,
          outcome: session ? proctoringOutcome(session, events.get(session.session_id) ?? []) : undefined,
        };
      });
    }),
  );
}
