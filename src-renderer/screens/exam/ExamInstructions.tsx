import { spokenDuration } from '@shared/exam/deadline';
import type { ExamBriefing } from '../../exam/start-exam';
import { ReducedLockdownNotice } from '../../lockdown/ReducedLockdownNotice';
import { KeyboardHelp } from './KeyboardHelp';

/** What the candidate reads before starting: time, number of questions, proctoring, how the test works. */
export function ExamInstructions({ briefing, resuming }: { briefing: ExamBriefing; resuming: boolean }) {
  const { assessment, candidate } = briefing;
  return (
    <>
      <p>
        Welcome, {candidate.full_name}.{' '}
        {resuming ? 'Your test has already started: the time kept running while the station was closed.' : ''}
      </p>
      {assessment.description && <p>{assessment.description}</p>}
      <dl className="exam-facts">
        <div>
          <dt>Time allowed</dt>
          <dd>{spokenDuration(assessment.duration_minutes * 60)}</dd>
        </div>
        <div>
          <dt>Questions</dt>
          <dd>{briefing.questionCount}</dd>
        </div>
        <div>
          <dt>Camera proctoring</dt>
          <dd>{assessment.is_proctored ? 'Yes' : 'No'}</dd>
        </div>
      </dl>
      <ul className="exam-rules">
        <li>One question at a time; go back to any question from the list of questions.</li>
        <li>Each answer is saved as soon as you choose it. You can change it until you submit.</li>
        <li>Flag questions you want to review before submitting.</li>
        <li>You are warned 5 minutes and 1 minute before the end; the test is submitted when time runs out.</li>
      </ul>
      <KeyboardHelp />
      <ReducedLockdownNotice />
    </>
  );
}
