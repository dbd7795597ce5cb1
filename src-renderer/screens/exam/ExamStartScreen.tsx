import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useDatabase } from '../../data/database-context';
import { holdCamera, stopCamera, type HeldCamera } from '../../exam/camera-hold';
import { ExamError } from '../../exam/exam-errors';
import { enterExamLockdown } from '../../exam/integrations';
import { loadBriefing, startExam, type ExamBriefing } from '../../exam/start-exam';
import { currentStationId } from '../../exam/station';
import { ExamInstructions } from './ExamInstructions';
import { CameraCheck } from './CameraCheck';

/** The search of `/exam/start`: the application and the invitation token, by id. */
export function validateExamStartSearch(search: Record<string, unknown>): { application: string; token: string } {
  return {
    application: typeof search.application === 'string' ? search.application : '',
    token: typeof search.token === 'string' ? search.token : '',
  };
}

type Step = 'instructions' | 'consent' | 'camera';

/** `/exam/start`: instructions, consent to camera proctoring, camera check, then Start. */
export function ExamStartScreen() {
  const db = useDatabase();
  const { application = '', token = '' } = useSearch({ strict: false });
  const [briefing, setBriefing] = useState<ExamBriefing | { error: string } | undefined>();

  useEffect(() => {
    let current = true;
    loadBriefing(db, { applicationId: application, tokenId: token }).then(
      (b) => current && setBriefing(b),
      (e: unknown) =>
        current && setBriefing({ error: e instanceof ExamError ? e.message : `This exam cannot start: ${String(e)}` }),
    );
    return () => {
      current = false;
    };
  }, [db, application, token]);

  return (
    <main id="main-content" tabIndex={-1} className="exam-start">
      {!briefing && (
        <p role="status" className="loading">
          Preparing the test…
        </p>
      )}
      {briefing && 'error' in briefing && <StartProblem message={briefing.error} />}
      {briefing && !('error' in briefing) && <Briefing briefing={briefing} />}
    </main>
  );
}

function StartProblem({ message }: { message: string }) {
  const navigate = useNavigate();
  return (
    <div role="alert" className="panel error-panel">
      <h1>This test cannot start</h1>
      <p>{message}</p>
      <button type="button" className="button" onClick={() => void navigate({ to: '/' })}>
        Back to the station
      </button>
    </div>
  );
}

function Briefing({ briefing }: { briefing: ExamBriefing }) {
  const db = useDatabase();
  const navigate = useNavigate();
  const { assessment, session } = briefing;
  const proctored = assessment.is_proctored;
  const [step, setStep] = useState<Step>('instructions');
  const [consent, setConsent] = useState(false);
  const [camera, setCamera] = useState<HeldCamera>();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const started = useRef(false);
  const cameraRef = useRef<HeldCamera | undefined>(undefined);

  useEffect(() => heading.current?.focus(), [step]);
  // A camera opened here and not handed to a started exam is closed on leaving.
  useEffect(
    () => () => {
      if (!started.current && cameraRef.current) stopCamera(cameraRef.current);
    },
    [],
  );

  if (session?.is_completed) {
    return <StartProblem message="This test has already been submitted." />;
  }
  const resuming = Boolean(session);
  function replaceCamera(next: HeldCamera | undefined) {
    if (cameraRef.current && cameraRef.current !== next) stopCamera(cameraRef.current);
    cameraRef.current = next;
    setCamera(next);
  }

  const canStart = !starting && (!proctored || (consent && camera !== undefined));

  async function start() {
    setStarting(true);
    setError(undefined);
    try {
      // First, inside the click: the browser build's fullscreen needs a user gesture.
      await enterExamLockdown().catch(() => undefined);
      const opened = await startExam(
        db,
        { applicationId: briefing.application.application_id, tokenId: briefing.token.id },
        { stationId: currentStationId() },
      );
      if (camera) holdCamera(camera);
      started.current = true;
      await navigate({ to: '/exam/session/$sessionId', params: { sessionId: opened.session_id } });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStarting(false);
    }
  }

  const startButton = (
    <button type="button" className="button button-primary" onClick={() => void start()} disabled={!canStart}>
      {starting ? 'Starting…' : resuming ? 'Resume the test' : 'Start the test'}
    </button>
  );

  return (
    <div className="panel exam-start-panel">
      {step === 'instructions' && (
        <StartStep
          title={assessment.title}
          headingRef={heading}
          action={
            proctored ? (
              <button type="button" className="button button-primary" onClick={() => setStep('consent')}>
                Continue
              </button>
            ) : (
              startButton
            )
          }
        >
          <ExamInstructions briefing={briefing} resuming={resuming} />
        </StartStep>
      )}
      {step === 'consent' && (
        <StartStep
          title="Camera proctoring"
          headingRef={heading}
          onBack={() => setStep('instructions')}
          action={
            <button
              type="button"
              className="button button-primary"
              disabled={!consent}
              onClick={() => setStep('camera')}
            >
              Continue to the camera check
            </button>
          }
        >
          <p>
            During this test the station’s camera watches for events such as no face, more than one face or leaving the
            test window. Such events, with a still image, are recorded and may be reviewed by a proctor. No video is
            recorded.
          </p>
          <label className="exam-consent">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />I agree to camera
            proctoring during this test.
          </label>
        </StartStep>
      )}
      {step === 'camera' && (
        <StartStep
          title="Camera check"
          headingRef={heading}
          onBack={() => {
            replaceCamera(undefined);
            setStep('consent');
          }}
          action={startButton}
        >
          <p>Sit facing the camera so that only your face is in view.</p>
          <CameraCheck onReady={replaceCamera} />
        </StartStep>
      )}
      {error && (
        <p role="alert" className="error-state">
          {error}
        </p>
      )}
    </div>
  );
}

interface StartStepProps {
  title: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onBack?: () => void;
  action: ReactNode;
  children: ReactNode;
}

/** One step before the test: its heading (focused on arrival), its content, Back and the way forward. */
function StartStep({ title, headingRef, onBack, action, children }: StartStepProps) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h1 id={id} ref={headingRef} tabIndex={-1} data-screen-heading="">
        {title}
      </h1>
      {children}
      <div className="dialog-actions">
        {onBack && (
          <button type="button" className="button button-quiet" onClick={onBack}>
            Back
          </button>
        )}
        {action}
      </div>
    </section>
  );
}
