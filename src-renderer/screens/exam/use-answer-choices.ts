import { useCallback, useState } from 'react';
import type { Doc } from '@shared/domain/registry';
import type { AnswerWriter } from '../../exam/answer-writer';
import type { ExamQuestion } from '../../exam/use-exam';
import type { AnswerStatus } from './QuestionPanel';

/*
 * The candidate's choices: shown as "saving" until RxDB has stored them,
 * then "saved" (or "failed"), each written with the time spent on its
 * question, so a confirmed answer is never lost.
 */

export interface AnswerChoicesInput {
  questions: readonly ExamQuestion[];
  /** The stored answers, by question id. */
  answers: ReadonlyMap<string, Doc<'answer'>>;
  writer: AnswerWriter;
  readOnly: boolean;
  flushTime: (except?: string) => Map<string, number>;
  onWriteError: (e: unknown) => void;
  announce: (message: string) => void;
}

export function useAnswerChoices({
  questions,
  answers,
  writer,
  readOnly,
  flushTime,
  onWriteError,
  announce,
}: AnswerChoicesInput) {
  const [pending, setPending] = useState<ReadonlyMap<string, string>>(new Map());
  const [confirmed, setConfirmed] = useState<ReadonlyMap<string, string>>(new Map());
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());

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
          onWriteError(e);
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
    [readOnly, questions, flushTime, writer, announce, onWriteError],
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

  return { choose, storedChoice, shownChoice, statusOf, saving: pending.size > 0 };
}
