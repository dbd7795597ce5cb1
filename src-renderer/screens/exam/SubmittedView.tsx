import { useEffect, useRef } from 'react';
import type { Doc } from '@shared/domain/registry';
import { examDeadlineMs } from '@shared/exam/deadline';

interface SubmittedViewProps {
  session: Doc<'test_session'>;
  assessment: Doc<'assessment'>;
  answered: number;
  onDone: () => void;
}

/**
 * After submission: what happened, the score once (and only if) it has been
 * released, and one clear action that hands the station to the next candidate.
 */
export function SubmittedView({ session, assessment, answered, onDone }: SubmittedViewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const timedOut =
    session.completed_at !== undefined &&
    Date.parse(session.completed_at) >= examDeadlineMs(session, assessment.duration_minutes);
  const released = session.score_released_at !== undefined && session.score_percentage !== undefined;

  return (
    <main id="main-content" tabIndex={-1} className="exam-done">
      <div className="panel exam-done-panel">
        <h1 ref={heading} tabIndex={-1} data-screen-heading="">
          Test submitted
        </h1>
        <p>
          {timedOut ? 'Time ran out and your answers were submitted automatically. ' : ''}
          Thank you, {session.candidate_name}. Your answers to “{assessment.title}” have been submitted and can no
          longer change.
        </p>
        <p>
          You answered {answered} of {session.total_questions} questions.
        </p>
        {released ? (
          <p className="exam-score" role="status">
            Your score: <strong>{session.score_percentage}%</strong> ({session.correct_answers ?? 0} of{' '}
            {session.total_questions} correct)
          </p>
        ) : (
          <p className="muted">Your result will be shared with you once it has been reviewed.</p>
        )}
        <button type="button" className="button button-primary" onClick={onDone}>
          Done — hand the station back
        </button>
      </div>
    </main>
  );
}
