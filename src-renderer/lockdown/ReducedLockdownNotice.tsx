import { BROWSER_UNENFORCEABLE } from '@shared/lockdown/policies';
import { desktopOnlyForCandidates } from './candidate-wording';
import { isReducedLockdown } from './index';

/*
 * Said plainly wherever an exam runs in a plain browser: the page can ask
 * for fullscreen and watch focus, but some rules need the desktop app. Told
 * as what it means for the candidate (candidate-wording.ts), never in the
 * policy table's technical terms. Renders nothing in the desktop app.
 */
export function ReducedLockdownNotice({ reduced = isReducedLockdown() }: { reduced?: boolean }) {
  if (!reduced) return null;
  return (
    <aside className="panel lockdown-notice" role="note" aria-labelledby="reduced-lockdown-heading">
      <h2 id="reduced-lockdown-heading">This test runs in a web browser</h2>
      <p>
        The test fills the screen. Leaving full screen, or switching to another window or tab, is recorded for the
        proctor. Reloading, printing, and copying or pasting outside your answers are turned off.
      </p>
      <p>In the desktop app, the station would also:</p>
      <ul aria-label="What the desktop app would also do">
        {BROWSER_UNENFORCEABLE.map((policy) => (
          <li key={policy.id}>{desktopOnlyForCandidates[policy.id as keyof typeof desktopOnlyForCandidates]}</li>
        ))}
      </ul>
    </aside>
  );
}
