import { useEffect, useState } from 'react';
import { examKeyAction } from '../../exam/exam-keys';
import { examProgress } from '../../exam/progress';
import { ExamTimer } from './ExamTimer';
import { KeyboardHelp } from './KeyboardHelp';
import { QuestionNavigator } from './QuestionNavigator';
import { QuestionPanel } from './QuestionPanel';
import { SubmitDialog } from './SubmitDialog';
import { useExamRunner, type RunnerInput } from './use-exam-runner';

interface ExamRunnerProps extends RunnerInput {
  /** Shown in the header, e.g. the camera's state and the proctor's button. */
  headerExtra?: React.ReactNode;
  onQuestionShown?: (questionId: string) => void;
  /** A message for the candidate from outside the test (e.g. a proctor added time). */
  notice?: string | undefined;
}

/** The test in progress: one question at a time, the navigator, the clock and submission. */
export function ExamRunner({ headerExtra, onQuestionShown, notice, ...input }: ExamRunnerProps) {
  const exam = useExamRunner(input);
  const [confirming, setConfirming] = useState(false);
  const { current, index, items } = exam;

  useEffect(() => {
    if (current) onQuestionShown?.(current.id);
  }, [current, onQuestionShown]);

  useEffect(() => {
    if (confirming || exam.readOnly || !current) return;
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || !current) return;
      const action = examKeyAction(event, current.options.length);
      if (!action) return;
      event.preventDefault();
      if (action.type === 'choose') exam.choose(current.id, current.options[action.index]!.key);
      else if (action.type === 'next') exam.go(index + 1);
      else if (action.type === 'previous') exam.go(index - 1);
      else exam.toggleFlag();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [confirming, exam, current, index]);

  const progress = examProgress(items);

  return (
    <div className="exam-shell">
      <header className="exam-header">
        <div className="exam-header-title">
          <span className="exam-title">{input.content.assessment.title}</span>
          <span className="exam-candidate">{input.session.candidate_name}</span>
        </div>
        <p className="exam-save-state" aria-hidden="true">
          {exam.saving ? 'Saving…' : 'All answers saved'}
        </p>
        {headerExtra}
        <ExamTimer remaining={exam.remaining} warning={exam.warning} />
      </header>
      <div className="exam-body">
        <main id="main-content" tabIndex={-1} className="exam-main">
          {notice && (
            <p role="status" className="exam-notice">
              {notice}
            </p>
          )}
          {exam.problem && (
            <p role="alert" className="error-state">
              {exam.problem}
            </p>
          )}
          {input.content.missing > 0 && (
            <p role="alert" className="error-state">
              {input.content.missing} questions of this test are not on this station. Tell the proctor.
            </p>
          )}
          {current ? (
            <QuestionPanel
              question={current}
              number={index + 1}
              total={items.length}
              chosen={exam.shownChoice(current.id)}
              status={exam.statusOf(current.id)}
              flagged={exam.flagged.has(current.id)}
              readOnly={exam.readOnly}
              onChoose={(key) => exam.choose(current.id, key)}
            />
          ) : (
            <p>This test has no questions on this station. Tell the proctor.</p>
          )}
          <div className="exam-actions">
            <button type="button" className="button" onClick={() => exam.go(index - 1)} disabled={index === 0}>
              Previous
            </button>
            <button
              type="button"
              className="button button-quiet"
              aria-pressed={current ? exam.flagged.has(current.id) : false}
              onClick={exam.toggleFlag}
              disabled={exam.readOnly || !current}
            >
              Flag for review
            </button>
            <button
              type="button"
              className="button"
              onClick={() => exam.go(index + 1)}
              disabled={index >= items.length - 1}
            >
              Next
            </button>
            <button
              type="button"
              className="button button-primary exam-submit"
              onClick={() => setConfirming(true)}
              disabled={exam.readOnly}
            >
              Submit test…
            </button>
          </div>
          <KeyboardHelp />
        </main>
        <QuestionNavigator items={items} progress={progress} current={index} onGo={exam.go} />
      </div>
      <SubmitDialog
        isOpen={confirming && !input.session.is_completed}
        progress={progress}
        busy={exam.submitting}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void exam.submit()}
      />
      {exam.submitting && !confirming && (
        <p role="status" className="exam-submitting">
          Time is up. Submitting your answers…
        </p>
      )}
    </div>
  );
}
