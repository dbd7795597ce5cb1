import { formatClock, spokenDuration } from '@shared/exam/deadline';

/**
 * Always on screen. The ticking clock is not announced (a timer role is not
 * a live region); the 5- and 1-minute warnings are, as alerts.
 */
export function ExamTimer({ remaining, warning }: { remaining: number; warning: number | undefined }) {
  const urgent = remaining <= 60;
  return (
    <div className="exam-timer" data-urgent={urgent || undefined}>
      <span id="exam-timer-label" className="exam-timer-label">
        Time left
      </span>
      <span role="timer" aria-labelledby="exam-timer-label" className="exam-timer-clock">
        {formatClock(remaining)}
      </span>
      {warning !== undefined && (
        <p role="alert" className="exam-timer-warning">
          {warning >= 60 ? `${spokenDuration(warning)} left.` : 'Time left is short.'} The test is submitted
          automatically when time runs out.
        </p>
      )}
    </div>
  );
}
