import { useCallback, useEffect, useMemo } from 'react';
import type { AnswerWriter } from '../../exam/answer-writer';
import { createQuestionClock } from '../../exam/question-clock';

/*
 * Time on each question: the question on screen is timed (none while the
 * test is read-only), and what it accrued is written when the candidate
 * moves on, at a regular checkpoint, when the window is hidden and when the
 * screen closes, so a killed station loses at most one checkpoint of time.
 */

const TIME_CHECKPOINT_MS = 15_000;

/** Returns `flushTime`: writes the time accrued so far (except on `except`, which the caller writes itself) and returns it. */
export function useQuestionTime(
  writer: AnswerWriter,
  currentId: string | undefined,
  readOnly: boolean,
  onWriteError: (e: unknown) => void,
) {
  const clock = useMemo(() => createQuestionClock(), []);

  const flushTime = useCallback(
    (except?: string) => {
      const taken = clock.take();
      for (const [questionId, seconds] of taken) {
        if (questionId !== except) writer.addTime(questionId, seconds).catch(onWriteError);
      }
      return taken;
    },
    [clock, writer, onWriteError],
  );

  // Time the question on screen; write what the previous one accrued.
  useEffect(() => {
    clock.show(readOnly ? undefined : currentId);
    flushTime();
  }, [clock, currentId, readOnly, flushTime]);

  useEffect(() => {
    const checkpoint = setInterval(() => flushTime(), TIME_CHECKPOINT_MS);
    const onHide = () => {
      if (document.visibilityState === 'hidden') flushTime();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onHide);
    return () => {
      clearInterval(checkpoint);
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onHide);
      flushTime();
    };
  }, [flushTime]);

  return flushTime;
}
