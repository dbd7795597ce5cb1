import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useDatabase } from '../../data/database-context';
import { repo } from '../../db/repository';
import { ProctorUnlockDialog } from '../../lockdown/ProctorUnlockDialog';
import type { ProctorUnlock } from '../../lockdown/proctor-unlock';
import { forgetPlace } from '../../exam/local-state';
import { exitExamLockdown, startExamGuards, type ExamGuards } from '../../exam/integrations';
import { useExam, type ExamState } from '../../exam/use-exam';
import { ExamRunner } from './ExamRunner';
import { SubmittedView } from './SubmittedView';

type Ready = Extract<ExamState, { status: 'ready' }>;

/** `/exam/session/$sessionId`: the test in progress, or its submitted state. */
export function ExamScreen() {
  const { sessionId = '' } = useParams({ strict: false });
  const exam = useExam(sessionId);
  const navigate = useNavigate();
  const completed = exam.status === 'ready' && exam.session.is_completed;

  useEffect(() => {
    if (completed) void exitExamLockdown();
  }, [completed]);

  if (exam.status === 'loading') {
    return (
      <main id="main-content" tabIndex={-1} className="centered-page">
        <p role="status" className="loading">
          Opening the test…
        </p>
      </main>
    );
  }
  if (exam.status === 'error') {
    return (
      <main id="main-content" tabIndex={-1} className="centered-page">
        <div role="alert" className="panel error-panel">
          <h1>The test cannot be shown</h1>
          <p>{exam.message}</p>
          <button type="button" className="button" onClick={() => void navigate({ to: '/' })}>
            Back to the station
          </button>
        </div>
      </main>
    );
  }
  if (completed) {
    const answered = [...exam.answers.values()].filter((a) => a.selected_answer).length;
    return (
      <SubmittedView
        session={exam.session}
        assessment={exam.content.assessment}
        answered={answered}
        onDone={() => {
          void forgetPlace(exam.session.session_id);
          void navigate({ to: '/' });
        }}
      />
    );
  }
  return <ExamInProgress exam={exam} />;
}

function ExamInProgress({ exam }: { exam: Ready }) {
  const db = useDatabase();
  const navigate = useNavigate();
  const [guards, setGuards] = useState<ExamGuards>();
  const [unlocking, setUnlocking] = useState(false);
  const [notice, setNotice] = useState<string>();
  const guardsRef = useRef<ExamGuards | undefined>(undefined);
  const questionRef = useRef<string | undefined>(undefined);
  const sessionId = exam.session.session_id;
  const isProctored = exam.content.assessment.is_proctored;
  // The guards start once per session; later session updates (answers, extra time) must not restart them.
  const session = useRef(exam.session);

  useEffect(() => {
    let current = true;
    const started = startExamGuards({
      db,
      session: session.current,
      isProctored,
      ...(questionRef.current ? { questionId: questionRef.current } : {}),
    });
    void started.then((g) => {
      if (!current) return;
      guardsRef.current = g;
      if (questionRef.current) g.setQuestion(questionRef.current);
      setGuards(g);
    });
    return () => {
      current = false;
      guardsRef.current = undefined;
      void started.then((g) => g.stop());
    };
  }, [db, sessionId, isProctored]);

  const onQuestionShown = useCallback((questionId: string) => {
    questionRef.current = questionId;
    guardsRef.current?.setQuestion(questionId);
  }, []);

  async function onUnlock(unlock: ProctorUnlock) {
    setUnlocking(false);
    if (unlock.action === 'extra_time') {
      const extra = (exam.session.extra_time_seconds ?? 0) + unlock.minutes * 60;
      await repo(db, 'test_session').update(sessionId, { extra_time_seconds: extra });
      setNotice(`A proctor added ${unlock.minutes} minutes.`);
      return;
    }
    // A proctor ends the exam here without submitting it: it stays open to resume.
    await exitExamLockdown();
    await navigate({ to: '/' });
  }

  return (
    <>
      <ExamRunner
        session={exam.session}
        content={exam.content}
        answers={exam.answers}
        onQuestionShown={onQuestionShown}
        notice={notice}
        headerExtra={
          <>
            {guards && guards.camera !== 'not_needed' && <CameraBadge state={guards.camera} />}
            <button type="button" className="button button-quiet button-small" onClick={() => setUnlocking(true)}>
              Proctor
            </button>
          </>
        }
      />
      <ProctorUnlockDialog isOpen={unlocking} onCancel={() => setUnlocking(false)} onUnlock={(u) => void onUnlock(u)} />
    </>
  );
}

function CameraBadge({ state }: { state: 'on' | 'off' }) {
  return state === 'on' ? (
    <span className="exam-camera exam-camera-on">Camera on</span>
  ) : (
    <span className="exam-camera exam-camera-off" role="alert">
      Camera off — tell the proctor
    </span>
  );
}
