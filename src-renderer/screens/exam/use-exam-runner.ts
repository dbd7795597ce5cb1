import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Doc } from '@shared/domain/registry';
import { dueWarning, examDeadlineMs, remainingSeconds, WARNING_THRESHOLDS } from '@shared/exam/deadline';
import { useDatabase } from '../../data/database-context';
import { useUiStore } from '../../state/ui-store';
import { createAnswerWriter } from '../../exam/answer-writer';
import { ExamError } from '../../exam/exam-errors';
import { writePlace } from '../../exam/local-state';
import { createQuestionClock } from '../../exam/question-clock';
import { submitExam } from '../../exam/submit';
import { useNow, type ExamContent } from '../../exam/use-exam';
import type { AnswerStatus } from './QuestionPanel';

/*
 * The state and actions of a test in progress. Choices are shown as
 * "saving" until RxDB has stored them, then "saved"; time on each question
 * is written with its answer, when the candidate moves on, at a regular
 * checkpoint and when the window is hidden, so a killed station loses at
 * most one checkpoint of time and never a confirmed answer.
 */

const TIME_CHECKPOINT_MS = 15_000;

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
  const clock = useMemo(() => createQuestionClock(), []);

  const [place, setPlace] = useState(() => ({
    ...content.place,
    index: Math.min(content.place.index, Math.max(0, questions.length - 1)),
  }));
  const [pending, setPending] = useState<ReadonlyMap<string, string>>(new Map());
  const [confirmed, setConfirmed] = useState<ReadonlyMap<string, string>>(new Map());
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string>();
  const readOnly = session.is_completed || submitting;
  const current = questions[place.index];
  const flagged = useMemo(() => new Set(place.flagged), [place.flagged]);

  const updatePlace = useCallback(
    (next: { index: number; flagged: string[] }) => {
      void writePlace(sessionId, next);
      setPlace(next);
    },
    [sessionId],
  );

  const reportWriteError = useCallback((e: unknown) => {
    // Refusals after submit or time-out are expected while the submission is written; they need no message.
    if (e instanceof ExamError && (e.reason === 'submitted' || e.reason === 'time_up')) return;
    setProblem(e instanceof Error ? e.message : String(e));
  }, []);

  const flushTime = useCallback(
    (except?: string) => {
      const taken = clock.take();
      for (const [questionId, seconds] of taken) {
        if (questionId !== except) writer.addTime(questionId, seconds).catch(reportWriteError);
      }
      return taken;
    },
    [clock, writer, reportWriteError],
  );

  // Time the question on screen; write what the previous one accrued.
  useEffect(() => {
    clock.show(readOnly ? undefined : current?.id);
    flushTime();
  }, [clock, current?.id, readOnly, flushTime]);

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

  const choose = useCallback(
    (questionId: string, key: string) => {
      if (readOnly) return;
      const letter = questions.find((q) => q.id === questionId)?.options.find((o) => o.key === key)?.letter;
      const spent = flushTime(questionId).get(questionId) ?? 0;
      setPending((p) => new Map(p).set(questionId, key));
      setFailed((f) => (f.has(questionId) ? new Set([...f].filter((id) => id !== questionId)) : f));
      writer.choose(questionId, key, spent).then(
        () => {
          setConfirmed((c) => new Map(c).set(questionId, key));
          announce(`Answer ${letter ?? key} saved.`);
        },
        (e: unknown) => {
          setFailed((f) => new Set(f).add(questionId));
          reportWriteError(e);
        },
      );
      // Settled either way: the next render shows what is stored.
      void writer.settled().then(() =>
        setPending((p) => {
          if (p.get(questionId) !== key) return p;
          const next = new Map(p);
          next.delete(questionId);
          return next;
        }),
      );
    },
    [readOnly, questions, flushTime, writer, announce, reportWriteError],
  );

  const storedChoice = useCallback(
    (questionId: string) => confirmed.get(questionId) ?? answers.get(questionId)?.selected_answer,
    [confirmed, answers],
  );

  const shownChoice = (questionId: string) => pending.get(questionId) ?? storedChoice(questionId);
  const statusOf = (questionId: string): AnswerStatus =>
    pending.has(questionId)
      ? 'saving'
      : failed.has(questionId)
        ? 'failed'
        : storedChoice(questionId)
          ? 'saved'
          : 'unanswered';

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

  // The clock: deadline from the session (extra time included), warnings, and submission at zero.
  const now = useNow(250);
  const deadline = examDeadlineMs(session, duration);
  const remaining = remainingSeconds(deadline, now);
  const given = useRef(new Set<number>());
  const [warning, setWarning] = useState<number>();
  useEffect(() => {
    const due = dueWarning(remaining, given.current);
    if (due === undefined) return;
    for (const t of WARNING_THRESHOLDS) if (t >= due) given.current.add(t);
    setWarning(due);
  }, [remaining]);

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

  // At the deadline (which a proctor's extra time moves), the test submits itself.
  useEffect(() => {
    if (session.is_completed || submitting) return;
    const timer = setTimeout(() => void submit(), Math.max(0, deadline - Date.now()));
    return () => clearTimeout(timer);
  }, [deadline, session.is_completed, submitting, submit]);

  const items = questions.map((q) => ({ id: q.id, answered: Boolean(storedChoice(q.id)), flagged: flagged.has(q.id) }));

  return {
    current,
    index: place.index,
    items,
    flagged,
    readOnly,
    submitting,
    problem,
    remaining,
    warning,
    saving: pending.size > 0,
    shownChoice,
    statusOf,
    choose,
    go,
    toggleFlag,
    submit,
  };
}
