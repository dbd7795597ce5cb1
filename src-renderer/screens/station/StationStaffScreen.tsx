import { useEffect, useRef, useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { paths, stationPaths } from '../../app/navigation';
import { StatusBar } from '../../app/StatusBar';
import { endStaffAccess, useStaffAccess } from '../../station/staff-access';
import { leaveStationMode, useStationStore } from '../../station/station-store';
import { useUiStore } from '../../state/ui-store';
import { StationBundleStatus } from './StationBundleStatus';

/*
 * The station's operator screen (/station/staff), for staff only (the route
 * checks station/staff-access.ts): whether the bundle is ready to run
 * offline, the way back to the candidates' screen, and leaving station mode.
 * Reached right after set-up, and from the candidates' screen with a PIN or
 * an online staff sign-in.
 */
export function StationStaffScreen() {
  const navigate = useNavigate();
  const announce = useUiStore((s) => s.announce);
  const station = useStationStore((s) => s.station);
  const staff = useStaffAccess((s) => s.staff);
  const heading = useRef<HTMLHeadingElement>(null);
  const [refusal, setRefusal] = useState<string>();
  const [leaving, setLeaving] = useState(false);

  useEffect(() => heading.current?.focus(), []);

  async function openForCandidates() {
    endStaffAccess();
    await navigate({ to: stationPaths.home });
  }

  async function leave(force: boolean) {
    setLeaving(true);
    try {
      const result = await leaveStationMode({ force });
      if (!result.left) {
        setRefusal(result.reason);
        return;
      }
      endStaffAccess();
      announce('This device is no longer an exam station.');
      await navigate({ to: paths.signIn });
    } finally {
      setLeaving(false);
    }
  }

  return (
    <div className="station-page">
      <main id="main-content" tabIndex={-1} className="sign-in-page">
        <div className="sign-in-column">
          <p className="brand" aria-hidden="true">
            Assist-Ten exam station{station ? ` · ${station.info.name}` : ''}
          </p>
          <section className="panel sign-in-card" aria-labelledby="staff-heading">
            <h1 id="staff-heading" ref={heading} tabIndex={-1} data-screen-heading="">
              Station staff
            </h1>
            <p className="muted">
              {staff ? `Signed in as staff: ${staff.name}. ` : ''}Candidates do not see this screen. Open the station
              for candidates before you leave it.
            </p>
            <div className="station-staff-actions">
              <button type="button" className="button button-primary" onClick={() => void openForCandidates()}>
                Open the station for candidates
              </button>
            </div>
          </section>
          <StationBundleStatus />
          <section className="panel" aria-labelledby="leave-heading">
            <h2 id="leave-heading">Leave station mode</h2>
            <p>
              This device stops being an exam station and shows the sign-in screen. Leave once the status bar says
              synced: changes not yet sent to the server would stay on this device only.
            </p>
            <div role="alert" aria-atomic="true" className="form-error">
              {refusal}
            </div>
            <div className="station-staff-actions">
              {refusal ? (
                <button type="button" className="button" disabled={leaving} onClick={() => void leave(true)}>
                  Leave anyway
                </button>
              ) : (
                <button type="button" className="button" disabled={leaving} onClick={() => void leave(false)}>
                  Leave station mode
                </button>
              )}
            </div>
          </section>
        </div>
      </main>
      <StatusBar />
    </div>
  );
}
