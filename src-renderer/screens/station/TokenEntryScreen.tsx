import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from '@tanstack/react-router';
import type { Doc } from '@shared/domain/registry';
import { examPaths, stationPaths } from '../../app/navigation';
import { StatusBar } from '../../app/StatusBar';
import { useDatabase } from '../../data/database-context';
import { entryProblems, type EntryProblem } from '../../exam/entry/confirm-entry';
import { checkTokenOnStation, invitee, recordEntry } from '../../exam/entry/record-entry';
import { grantStaffAccess } from '../../station/staff-access';
import { useStationStore } from '../../station/station-store';
import { ResumeBanner } from '../exam/ResumeBanner';
import { StaffAccessDialog } from './StaffAccessDialog';
import { StationField } from './StationField';

/*
 * The station's home (/station): a candidate types or scans their invitation
 * code; it is checked offline against the bundle (exam/entry/token-check.ts),
 * then the candidate confirms name and email (exam/entry/confirm-entry.ts),
 * which links or creates their Candidate and AssessmentApplication on the
 * station. The exam's own screens take over at /exam/start. What the station
 * holds is for staff only, behind "Staff access" (StationStaffScreen).
 */

type Accepted = { token: Doc<'assessment_token'>; assessment: Doc<'assessment'> };

export function TokenEntryScreen() {
  const db = useDatabase();
  const navigate = useNavigate();
  const station = useStationStore((s) => s.station);
  const [code, setCode] = useState('');
  const [refusal, setRefusal] = useState<string | undefined>();
  const [accepted, setAccepted] = useState<Accepted | undefined>();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [problems, setProblems] = useState<EntryProblem[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [staffDialog, setStaffDialog] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => heading.current?.focus(), [accepted]);

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await checkTokenOnStation(db, code);
      if (!result.ok) {
        setRefusal(result.message);
        codeInput.current?.focus();
        return;
      }
      setRefusal(undefined);
      const { profiles, applications } = await invitee(db, result.token);
      const linked = profiles.find((p) => applications.some((a) => a.candidate_id === p.candidate_id)) ?? profiles[0];
      setName(linked?.full_name ?? '');
      setEmail(result.token.candidate_email);
      setProblems([]);
      setAccepted({ token: result.token, assessment: result.assessment });
    } finally {
      setBusy(false);
    }
  }

  async function submitConfirm(event: FormEvent) {
    event.preventDefault();
    if (!accepted) return;
    const found = entryProblems({ name, email }, accepted.token);
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const plan = await recordEntry(db, accepted.token, { name, email });
      await navigate({ to: examPaths.start, search: { application: plan.applicationId, token: plan.tokenId } });
    } catch (error) {
      setFailure(`Your details could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  function startOver() {
    setAccepted(undefined);
    setCode('');
    setProblems([]);
    setFailure(undefined);
  }

  const problemOf = (field: EntryProblem['field']) => problems.find((p) => p.field === field)?.message;

  return (
    <div className="station-page">
      <main id="main-content" tabIndex={-1} className="sign-in-page">
        <div className="sign-in-column">
          <p className="brand" aria-hidden="true">
            Assist-Ten exam station{station ? ` · ${station.info.name}` : ''}
          </p>
          {/* After a restart mid-exam: the candidate continues where they were (the invitation is used by then). */}
          {!accepted && <ResumeBanner />}
          {!accepted ? (
            <section className="panel sign-in-card" aria-labelledby="token-heading">
              <h1 id="token-heading" ref={heading} tabIndex={-1} data-screen-heading="">
                Start your assessment
              </h1>
              <p className="muted">Type the invitation code from your invitation email, or scan it.</p>
              <form className="form" onSubmit={(e) => void submitCode(e)} noValidate>
                <StationField
                  label="Invitation code"
                  inputRef={codeInput}
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={80}
                  autoFocus
                />
                <div role="alert" aria-atomic="true" className="form-error">
                  {refusal}
                </div>
                <button className="button button-primary" type="submit" disabled={busy}>
                  Continue
                </button>
              </form>
            </section>
          ) : (
            <section className="panel sign-in-card" aria-labelledby="confirm-heading">
              <h1 id="confirm-heading" ref={heading} tabIndex={-1} data-screen-heading="">
                Confirm your details
              </h1>
              <p className="muted">
                Invitation for <strong>{accepted.assessment.title}</strong> ({accepted.assessment.duration_minutes}{' '}
                minutes). Check your name and email before you continue.
              </p>
              <form className="form" onSubmit={(e) => void submitConfirm(e)} noValidate>
                <StationField
                  label="Full name"
                  autoComplete="name"
                  value={name}
                  maxLength={200}
                  onChange={(e) => setName(e.target.value)}
                  error={problemOf('name')}
                  autoFocus
                />
                <StationField
                  label="Email"
                  type="email"
                  autoComplete="email"
                  description="The address your invitation was sent to."
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  error={problemOf('email')}
                />
                <div role="alert" aria-atomic="true" className="form-error">
                  {failure}
                </div>
                <button className="button button-primary" type="submit" disabled={busy}>
                  Confirm and continue
                </button>
                <button className="button" type="button" onClick={startOver}>
                  Not me: enter another code
                </button>
              </form>
            </section>
          )}
          <p className="station-staff-link">
            <button type="button" className="button button-quiet button-small" onClick={() => setStaffDialog(true)}>
              Staff access
            </button>
          </p>
        </div>
      </main>
      {station && (
        <StaffAccessDialog
          isOpen={staffDialog}
          serverUrl={station.serverUrl}
          onCancel={() => setStaffDialog(false)}
          onGranted={(staff) => {
            setStaffDialog(false);
            grantStaffAccess(staff);
            void navigate({ to: stationPaths.staff });
          }}
        />
      )}
      <StatusBar />
    </div>
  );
}
