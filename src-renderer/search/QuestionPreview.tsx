import { useEffect, useRef } from 'react';
import { Button, Heading } from 'react-aria-components';
import type { Doc } from '@shared/domain/registry';

/*
 * A question found by the search, read-only, in the search dialog: no screen
 * lists the question bank yet. Its options are shown in their stored order,
 * and never which one is correct: the preview is for finding a question, and
 * whoever may see the key will see it where questions are edited.
 */
export function QuestionPreview({
  question,
  detail,
  onBack,
}: {
  /** Absent if it was deleted (or synced away) after the search found it. */
  question: Doc<'question'> | undefined;
  detail: string;
  onBack: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="question-preview">
      <Heading slot="title" ref={heading} tabIndex={-1}>
        Question
      </Heading>
      {question ? (
        <>
          <p className="muted">{detail}</p>
          <p className="question-preview-text">{question.question_text}</p>
          <ol className="question-preview-options" aria-label="Options">
            {question.options.map((option) => (
              <li key={option.key}>
                <span className="question-preview-key" aria-hidden="true">
                  {option.key}
                </span>
                <span className="visually-hidden">Option {option.key}: </span>
                {option.text}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p>This question is no longer on this device.</p>
      )}
      <div className="dialog-actions">
        <Button className="button" onPress={onBack}>
          Back to the results
        </Button>
      </div>
    </div>
  );
}
