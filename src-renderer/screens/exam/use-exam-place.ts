import { useCallback, useMemo, useState } from 'react';
import { writePlace, type ExamPlace } from '../../exam/local-state';
import type { ExamQuestion } from '../../exam/use-exam';

/*
 * Where the candidate is: the question on screen and the questions flagged
 * for review, kept on the station (local-state.ts) so a reopened screen
 * returns to them.
 */

export function useExamPlace(
  sessionId: string,
  questions: readonly ExamQuestion[],
  saved: ExamPlace,
  readOnly: boolean,
  announce: (message: string) => void,
) {
  const [place, setPlace] = useState(() => ({
    ...saved,
    index: Math.min(saved.index, Math.max(0, questions.length - 1)),
  }));
  const current = questions[place.index];
  const flagged = useMemo(() => new Set(place.flagged), [place.flagged]);

  const updatePlace = useCallback(
    (next: { index: number; flagged: string[] }) => {
      void writePlace(sessionId, next);
      setPlace(next);
    },
    [sessionId],
  );

  const go = useCallback(
    (index: number) => {
      if (index < 0 || index >= questions.length || index === place.index) return;
      updatePlace({ ...place, index });
    },
    [questions.length, place, updatePlace],
  );

  const toggleFlag = useCallback(() => {
    if (!current || readOnly) return;
    const on = !flagged.has(current.id);
    updatePlace({
      ...place,
      flagged: on ? [...place.flagged, current.id] : place.flagged.filter((id) => id !== current.id),
    });
    announce(on ? `Question ${place.index + 1} flagged for review.` : `Flag removed from question ${place.index + 1}.`);
  }, [current, readOnly, flagged, place, updatePlace, announce]);

  return { index: place.index, current, flagged, go, toggleFlag };
}
