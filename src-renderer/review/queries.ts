import { combineLatest, map, of, switchMap, type Observable } from 'rxjs';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import { joinLive } from '../data/live-join';
import { buildQueue, type QueueRow } from './queue';

/*
 * Live queries behind the review screens: each re-emits when a matching
 * document changes locally or arrives by sync, so the screens never reload.
 */

type Session = Doc<'test_session'>;
type ProctoringEvent = Doc<'proctoring_event'>;

/** Every session with proctoring events or a follow-up flag, in queue order. */
export function reviewQueue$(db: AppDatabase): Observable<QueueRow[]> {
  const events$ = repo(db, 'proctoring_event').find$({ sort: [{ detected_at: 'desc' }] });
  const followUps$ = repo(db, 'test_session').find$({ selector: { needs_review: true } });
  const withEvents$ = joinLive(
    events$,
    (events) => events.map((e) => e.test_session_id),
    (ids) => repo(db, 'test_session').find$({ selector: { session_id: { $in: ids } } }),
  );
  const assessments$ = repo(db, 'assessment').find$();
  return combineLatest([withEvents$, followUps$, assessments$]).pipe(
    map(([{ rows: events, related }, followUps, assessments]) => {
      const sessions = new Map<string, Session>(related.map((s) => [s.session_id, s]));
      for (const s of followUps) sessions.set(s.session_id, s);
      return buildQueue([...sessions.values()], events, assessments);
    }),
  );
}

export interface SessionReview {
  session: Session | undefined;
  assessment: Doc<'assessment'> | undefined;
  /** In the order they happened. */
  events: ProctoringEvent[];
  /** The questions events point at; empty when this window holds no question bank. */
  questions: Map<string, Doc<'question'>>;
  /** The session's answers by question id; empty when this window holds no answers. */
  answers: Map<string, Doc<'answer'>>;
}

export function sessionReview$(db: AppDatabase, sessionId: string): Observable<SessionReview> {
  const session$ = repo(db, 'test_session')
    .find$({ selector: { session_id: sessionId } })
    .pipe(map((s) => s[0]));
  const events$ = repo(db, 'proctoring_event').find$({
    selector: { test_session_id: sessionId },
    sort: [{ detected_at: 'asc' }],
  });
  const assessment$ = (session: Session | undefined): Observable<Doc<'assessment'> | undefined> =>
    session?.assessment_id
      ? repo(db, 'assessment')
          .find$({ selector: { assessment_id: session.assessment_id } })
          .pipe(map((a) => a[0]))
      : of(undefined);
  const questions$ = joinLive(
    events$,
    (events) => events.flatMap((e) => (e.question_id ? [e.question_id] : [])),
    (ids) =>
      // Roles without the question bank (or older layouts) still review, without the question's text.
      db.collections.question_bank ? repo(db, 'question').find$({ selector: { id: { $in: ids } } }) : of([]),
  );
  // The assessment follows the session, which may arrive by sync after the screen opened.
  const sessionWithAssessment$ = session$.pipe(
    switchMap((session) => assessment$(session).pipe(map((assessment) => ({ session, assessment })))),
  );
  // What the candidate chose, so the review can name it in their order and in the question's own.
  const answers$ = db.collections.answers
    ? repo(db, 'answer').find$({ selector: { session_id: sessionId } })
    : of<Doc<'answer'>[]>([]);
  return combineLatest([sessionWithAssessment$, questions$, answers$]).pipe(
    map(([{ session, assessment }, { rows, related }, answers]) => ({
      session,
      assessment,
      events: rows,
      questions: new Map(related.map((q) => [q.id, q])),
      answers: new Map(answers.map((a) => [a.question_id, a])),
    })),
  );
}
