import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { getBridge } from '@shared/ipc/bridge';
import type { EligibleAssessment } from '@shared/sync/station-wire';
import { resolveServerUrl } from '../../auth/server-url';
import { paths, stationPaths } from '../../app/navigation';
import { useUiStore } from '../../state/ui-store';
import { fetchEligibleAssessments, requestStationSignIn, setupErrorMessage } from '../../station/station-api';
import { grantStaffAccess } from '../../station/staff-access';
import { activateStation } from '../../station/station-store';
import { StationField } from './StationField';

/*
 * "Set up this exam station", reached from the sign-in screen, online only:
 * 1. a proctor's or admin's credentials (checked at once, and kept in this
 *    screen's memory only until the station is signed in);
 * 2. the station's name (how proctors and the server's review flags name it);
 * 3. the assessments it serves today, fetched from the server now.
 * Then the station opens its own database and syncs its bundle, which the
 * proctor watches on the staff screen (/station/staff).
 */

type Step = 'credentials' | 'name' | 'assessments';

function useServerUrl(): string | undefined {
  const [url, setUrl] = useState<string | undefined>();
  useEffect(() => {
    void resolveServerUrl({ bridge: getBridge(), configured: import.meta.env.VITE_ASSIST_TEN_SERVER_URL }).then(setUrl);
  }, []);
  return url;
}

export function StationSetupScreen() {
  const navigate = useNavigate();
  const announce = useUiStore((s) => s.announce);
  const serverUrl = useServerUrl();
  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [assessments, setAssessments] = useState<EligibleAssessment[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Each step moves focus to its heading, so screen readers announce where the proctor is.
  useEffect(() => heading.current?.focus(), [step]);

  async function run(work: () => Promise<void>) {
    setError(undefined);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(setupErrorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function submitCredentials(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) return setError('Enter the email and password of a proctor or administrator.');
    if (!serverUrl) return setError('No sync server is configured for this app, so a station cannot be set up.');
    void run(async () => {
      const list = await fetchEligibleAssessments(serverUrl, { email: email.trim(), password });
      setAssessments(list);
      setChosen(new Set(list.length === 1 ? [list[0]!.assessment_id] : []));
      setStep('name');
    });
  }

  function submitName(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('Name this station, for example “Hall B, desk 4”.');
    if (trimmed.length > 100) return setError('Use at most 100 characters.');
    setError(undefined);
    setStep('assessments');
  }

  function submitAssessments(event: FormEvent) {
    event.preventDefault();
    if (!chosen.size) return setError('Choose at least one assessment for this station.');
    void run(async () => {
      const tokens = await requestStationSignIn(serverUrl!, {
        email: email.trim(),
        password,
        station_name: name.trim(),
        assessment_ids: [...chosen],
      });
      setPassword('');
      await activateStation(serverUrl!, tokens);
      // The proctor who set it up sees the bundle arrive, then opens the station for candidates.
      grantStaffAccess({ name: email.trim() });
      announce(`Exam station ${tokens.station.name} is set up.`);
      await navigate({ to: stationPaths.staff });
    });
  }

  function toggle(id: string) {
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  const titles: Record<Step, string> = {
    credentials: 'Set up this exam station',
    name: 'Name this station',
    assessments: 'Choose the assessments',
  };
  const errorBox = (
    <div role="alert" aria-atomic="true" className="form-error">
      {error}
    </div>
  );

  return (
    <main id="main-content" tabIndex={-1} className="sign-in-page">
      <div className="sign-in-column">
        <section className="panel sign-in-card" aria-labelledby="station-setup-heading">
          <p className="brand" aria-hidden="true">
            Assist-Ten exam station
          </p>
          <h1 id="station-setup-heading" ref={heading} tabIndex={-1} data-screen-heading="">
            {titles[step]}
          </h1>
          <p className="muted">
            Step {step === 'credentials' ? 1 : step === 'name' ? 2 : 3} of 3.{' '}
            {step === 'credentials' &&
              'A proctor or administrator signs this device in as an exam station while it is online. Candidates then take their exams here, even without a network.'}
          </p>

          {step === 'credentials' && (
            <form className="form" onSubmit={submitCredentials} noValidate>
              <StationField
                label="Proctor email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                required
                autoFocus
              />
              <StationField
                label="Proctor password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
              {errorBox}
              <button className="button button-primary" type="submit" disabled={busy}>
                Continue
              </button>
            </form>
          )}

          {step === 'name' && (
            <form className="form" onSubmit={submitName} noValidate>
              <StationField
                label="Station name"
                description="Shown to proctors, for example “Hall B, desk 4”."
                value={name}
                maxLength={100}
                onChange={(e) => setName(e.target.value)}
                required
                autoFocus
              />
              {errorBox}
              <button className="button button-primary" type="submit">
                Continue
              </button>
            </form>
          )}

          {step === 'assessments' && (
            <form className="form" onSubmit={submitAssessments} noValidate>
              {assessments.length === 0 ? (
                <p>No assessment is published and open right now, so there is nothing for a station to serve.</p>
              ) : (
                <fieldset className="choice-list">
                  <legend>Assessments this station serves</legend>
                  {assessments.map((a) => (
                    <label key={a.assessment_id} className="checkbox-row">
                      <input
                        type="checkbox"
                        checked={chosen.has(a.assessment_id)}
                        onChange={() => toggle(a.assessment_id)}
                      />
                      <span>
                        <span className="checkbox-title">{a.title}</span>{' '}
                        <span className="muted">
                          ({a.duration_minutes} min, {a.open_invitations} open invitation
                          {a.open_invitations === 1 ? '' : 's'})
                        </span>
                      </span>
                    </label>
                  ))}
                </fieldset>
              )}
              {errorBox}
              <button className="button button-primary" type="submit" disabled={busy || assessments.length === 0}>
                Sign in this station
              </button>
            </form>
          )}

          <p>
            <a href={`#${paths.signIn}`}>Back to sign-in</a>
          </p>
        </section>
      </div>
    </main>
  );
}
