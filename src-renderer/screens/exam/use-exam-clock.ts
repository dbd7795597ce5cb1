import { useEffect, useRef, useState } from 'react';
import type { Doc } from '@shared/domain/registry';
import { dueWarning, examDeadlineMs, remainingSeconds, WARNING_THRESHOLDS } from '@shared/exam/deadline';
import { useNow } from '../../exam/use-exam';

/** The countdown: the deadline from the session (extra time included), the time left, and the warning due. */
export function useExamClock(session: Doc<'test_session'>, durationMinutes: number) {
  const now = useNow(250);
  const deadline = examDeadlineMs(session, durationMinutes);
  const remaining = remainingSeconds(deadline, now);
  const given = useRef(new Set<number>());
  const [warning, setWarning] = useState<number>();
  useEffect(() => {
    const due = dueWarning(remaining, given.current);
    if (due === undefined) return;
    for (const t of WARNING_THRESHOLDS) if (t >= due) given.current.add(t);
    setWarning(due);
  }, [remaining]);
  return { deadline, remaining, warning };
}

/** At the deadline (which a proctor's extra time moves), the test submits itself, unless it is done or submitting. */
export function useSubmitAtDeadline(deadline: number, running: boolean, submit: () => Promise<void>) {
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => void submit(), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [deadline, running, submit]);
}
