import { useCallback, useMemo, useState } from 'react';
import type { Doc } from '@shared/domain/registry';
import { useDatabase } from '../../data/database-context';
import { useUiStore } from '../../state/ui-store';
import { createAnswerWriter } from '../../exam/answer-writer';
import { ExamError } from '../../exam/exam-errors';
import { submitExam } from '../../exam/submit';
import type { ExamContent } from '../../exam/use-exam';
import { useAnswerChoices } from './use-answer-choices';
import { useExamClock, useSubmitAtDeadline } from './use-exam-clock';
import { useExamPlace } from './use-exam-place';
import { useQuestionTime } from './use-question-time';

/*
 * The state and actions of a test in progress, composed of: where the
 * candidate is (use-exam-place.ts), the time on each question
 * (use-question-time.ts), the choices and their saving state
 * (use-answer-choices.ts), the countdown (use-exam-clock.ts), and the
 * submission, by the candidate or at the deadline (here). A killed station
 * loses at most one checkpoint of time and never a confirmed answer.
 */

export interface RunnerInput {
  session: Doc<'test_session'>;
  content: ExamContent;
  answers: ReadonlyMap<string, Doc<'answer'>>;
}

export function useExamRunner({ session, content, answers }: RunnerInput) {
  const db = useDatabase();
  const announce = useUiStore((s) => s.announce);
  const sessionId = session.session_id;
  const duration = content.assessment.duration_minutes;
  const { questions } = content;
  const writer = useMemo(() => createAnswerWriter(db, sessionId, duration), [db, sessionId, duration]);

  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string>();
  const readOnly = session.is_completed || submitting;

  const reportWriteError = useCallback((e: unknown) => {
    // Refusals after submit or time-out are expected while the submission is written; they need no message.
    if (e instanceof ExamError && (e.reason === 'submitted' || e.reason === 'time_up')) return;
    setProblem(e instanceof Error ? e.message : String(e));
  }, []);

  const { index, current, flagged, go, toggleFlag } = useExamPlace(
    sessionId,
    questions,
    content.place,
    readOnly,
    announce,
  );
  const flushTime = useQuestionTime(writer, current?.id, readOnly, reportWriteError);
  const { choose, storedChoice, shownChoice, statusOf, saving } = useAnswerChoices({
    questions,
    answers,
    writer,
    readOnly,
    flushTime,
    onWriteError: reportWriteError,
    announce,
  });
  const { deadline, remaining, warning } = useExamClock(session, duration);

  const submit = useCallback(async () => {
    if (submitting || session.is_completed) return;
    setSubmitting(true);
    try {
      flushTime();
      writer.close();
      await writer.settled();
      await submitExam(db, sessionId, duration);
    } catch (e) {
      setProblem(`The test could not be submitted: ${e instanceof Error ? e.message : String(e)}. Ask the proctor.`);
      setSubmitting(false);
    }
  }, [submitting, session.is_completed, flushTime, writer, db, sessionId, duration]);
  useSubmitAtDeadline(deadline, !session.is_completed && !submitting, submit);

  const items = questions.map((q) => ({ id: q.id, answered: Boolean(storedChoice(q.id)), flagged: flagged.has(q.id) }));

  return {
    current,
    index,
    items,
    flagged,
    readOnly,
    submitting,
    problem,
    remaining,
    warning,
    saving,
    shownChoice,
    statusOf,
    choose,
    go,
    toggleFlag,
    submit,
  };
}
