import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  answerFieldProps,
  enterLockdown,
  exitLockdown,
  watchFocus,
  watchLockdownEvents,
  type FocusLossEvent,
  type LockdownEvent,
  type LockdownState,
} from './index';
import { ReducedLockdownNotice } from './ReducedLockdownNotice';

/*
 * TEST ONLY: a page that exercises the browser lockdown before the exam
 * screen uses it. Nothing in the app imports this file, so it never reaches a
 * production bundle; test/e2e/lockdown.e2e.ts builds it on its own
 * (test/e2e/support/lockdown-harness.vite.config.ts).
 */

function Harness() {
  const [state, setState] = useState<LockdownState | null>(null);
  const [losses, setLosses] = useState<FocusLossEvent[]>([]);
  const [events, setEvents] = useState<LockdownEvent[]>([]);
  const [copies, setCopies] = useState<string[]>([]);

  useEffect(() => {
    const stopFocus = watchFocus((loss) => setLosses((all) => [...all, loss]));
    const stopEvents = watchLockdownEvents((event) => setEvents((all) => [...all, event]));
    // Bubbling phase, after the guards: records whether each event reached the page cancelled.
    const record = (event: Event) => setCopies((all) => [...all, `${event.type}:${event.defaultPrevented}`]);
    for (const type of ['copy', 'cut', 'paste', 'contextmenu']) document.addEventListener(type, record);
    return () => {
      stopFocus();
      stopEvents();
      for (const type of ['copy', 'cut', 'paste', 'contextmenu']) document.removeEventListener(type, record);
    };
  }, []);

  return (
    <main>
      <ReducedLockdownNotice />
      <button type="button" onClick={() => void enterLockdown().then(setState)}>
        Start exam
      </button>
      <button type="button" onClick={() => void exitLockdown().then(() => setState(null))}>
        Leave lockdown
      </button>
      <output aria-label="Lockdown state">{state ? JSON.stringify(state) : 'unlocked'}</output>
      <p id="question">Which of these numbers is prime: 21, 27 or 29?</p>
      <label>
        Your answer
        <textarea {...answerFieldProps} />
      </label>
      <ol aria-label="Focus losses">
        {losses.map((loss) => (
          <li key={loss.startedAt}>{`${loss.type} ${loss.durationSeconds}`}</li>
        ))}
      </ol>
      <ol aria-label="Lockdown events">
        {events.map((event, i) => (
          <li key={i}>{event.type === 'blocked_shortcut' ? `${event.policy} ${event.shortcut}` : event.type}</li>
        ))}
      </ol>
      <ol aria-label="Clipboard events">
        {copies.map((copy, i) => (
          <li key={i}>{copy}</li>
        ))}
      </ol>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
