import { useEffect, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useDatabase } from '../../data/database-context';
import { enterExamLockdown } from '../../exam/integrations';
import { findResumableSession, type ResumableSession } from '../../exam/resume';
import { currentStationId } from '../../exam/station';

/**
 * On the station's home after a restart: offers to continue the unfinished
 * exam where it was. Renders nothing when there is none.
 */
export function ResumeBanner({ stationId = currentStationId() }: { stationId?: string }) {
  const db = useDatabase();
  const navigate = useNavigate();
  const [resumable, setResumable] = useState<ResumableSession>();

  useEffect(() => {
    let current = true;
    findResumableSession(db, stationId).then(
      (found) => current && setResumable(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [db, stationId]);

  if (!resumable) return null;
  const { session, assessmentTitle } = resumable;

  async function resume() {
    await enterExamLockdown().catch(() => undefined);
    await navigate({ to: '/exam/session/$sessionId', params: { sessionId: session.session_id } });
  }

  return (
    <section className="exam-resume-banner" aria-labelledby="exam-resume-heading">
      <h2 id="exam-resume-heading" className="visually-hidden">
        Unfinished test
      </h2>
      <p>
        <strong>{session.candidate_name}</strong> has an unfinished test, “{assessmentTitle}”. It continues where it
        stopped; the time kept running while the station was closed.
      </p>
      <button type="button" className="button button-primary" onClick={() => void resume()}>
        Resume the test
      </button>
    </section>
  );
}
