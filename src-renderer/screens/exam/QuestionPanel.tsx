import { useEffect, useRef } from 'react';
import { InlineText } from '../../components/InlineText';
import type { ExamQuestion } from '../../exam/use-exam';

export type AnswerStatus = 'saving' | 'saved' | 'unanswered' | 'failed';

interface QuestionPanelProps {
  question: ExamQuestion;
  number: number;
  total: number;
  /** The ORIGINAL key shown as chosen: the one being saved, else the stored one. */
  chosen: string | undefined;
  status: AnswerStatus;
  flagged: boolean;
  readOnly: boolean;
  onChoose: (key: string) => void;
}

const statusText: Record<AnswerStatus, (letter?: string) => string> = {
  saving: () => 'Saving your answer…',
  saved: (letter) => `Answer ${letter ?? ''} saved.`,
  unanswered: () => 'Not answered yet.',
  failed: () => 'Your answer could not be saved. Choose it again or ask the proctor.',
};

/**
 * One question and its options as a radio group. Focus moves to the heading
 * when the question changes, so a screen reader reads "Question 3 of 10"
 * and then the question.
 */
export function QuestionPanel({
  question,
  number,
  total,
  chosen,
  status,
  flagged,
  readOnly,
  onChoose,
}: QuestionPanelProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [question.id]);
  const chosenLetter = question.options.find((o) => o.key === chosen)?.letter;
  // One Tab stop for the group, as the radio-group pattern asks: the chosen option, else the first. Left to
  // itself, Chromium stopped on several options of an unanswered group; the arrow keys still move between all.
  const tabStop = Math.max(
    0,
    question.options.findIndex((o) => o.key === chosen),
  );

  return (
    <section className="exam-question" aria-labelledby="question-heading">
      <h2 id="question-heading" ref={heading} tabIndex={-1}>
        Question {number} of {total}
        {flagged && <span className="exam-flag-note"> · flagged for review</span>}
      </h2>
      <p id="question-text" className="exam-question-text">
        <InlineText text={question.text} />
      </p>
      <div
        role="radiogroup"
        aria-labelledby="question-text"
        aria-describedby="answer-status"
        aria-disabled={readOnly || undefined}
        className="exam-options"
      >
        {question.options.map((option, i) => (
          <label key={option.key} className="exam-option" data-chosen={chosen === option.key || undefined}>
            <input
              type="radio"
              name={`answer-${question.id}`}
              value={option.key}
              checked={chosen === option.key}
              disabled={readOnly}
              onChange={() => onChoose(option.key)}
              tabIndex={i === tabStop ? 0 : -1}
              aria-keyshortcuts={`${option.letter} ${i + 1}`}
            />
            <span className="exam-option-letter">{option.letter}.</span>
            <span className="exam-option-text">
              <InlineText text={option.text} />
            </span>
          </label>
        ))}
      </div>
      <p id="answer-status" className={`exam-answer-status exam-answer-${status}`} role="status">
        {statusText[status](chosenLetter)}
      </p>
    </section>
  );
}
