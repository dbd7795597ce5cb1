import { BROWSER_UNENFORCEABLE } from '@shared/lockdown/policies';
import { isReducedLockdown } from './index';

/*
 * Said plainly wherever an exam runs in a plain browser: the page can ask
 * for fullscreen and watch focus, but the rules listed here need the desktop
 * app. Renders nothing in the desktop app.
 */
export function ReducedLockdownNotice({ reduced = isReducedLockdown() }: { reduced?: boolean }) {
  if (!reduced) return null;
  return (
    <aside className="panel lockdown-notice" role="note" aria-labelledby="reduced-lockdown-heading">
      <h2 id="reduced-lockdown-heading">Reduced lockdown</h2>
      <p>
        This exam is running in a web browser, which allows only a reduced lockdown: fullscreen, blocked shortcuts, and
        recording when you leave the exam window. Leaving the window is recorded for the proctor. The desktop app also
        enforces:
      </p>
      <ul>
        {BROWSER_UNENFORCEABLE.map((policy) => (
          <li key={policy.id}>{policy.title}</li>
        ))}
      </ul>
    </aside>
  );
}
