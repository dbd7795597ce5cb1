import { useEffect, useRef, type RefObject } from 'react';

/*
 * After each in-app navigation, focus moves to the NEW screen's heading
 * (`[data-screen-heading]`), so a screen reader says where the user landed
 * and Tab continues from the top of the new screen.
 *
 * The path changes before the new screen has rendered: for a moment (about
 * 30 ms, as issue 10 measured it) the outgoing screen, and its
 * heading, are still in the page, and a screen that loads its data renders
 * its heading later still. Focusing at once would focus the outgoing heading,
 * which is then removed, and focus would fall to <body>. So this waits for a
 * heading other than the one it focused last, watching the DOM until one
 * appears, and gives up if the user has moved focus meanwhile.
 */

const HEADING = '[data-screen-heading]';
/** Long enough for a screen's first local query (tens of ms), short enough never to surprise. */
const WAIT_MS = 3000;

export function useScreenHeadingFocus(container: RefObject<HTMLElement | null>, pathname: string): void {
  const focused = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const startedWith = document.activeElement;
    const userMovedFocus = () => {
      const active = document.activeElement;
      return active !== startedWith && active !== document.body && active !== null && active.isConnected;
    };
    const newHeading = () => {
      const candidates = [...root.querySelectorAll<HTMLElement>(HEADING)];
      return candidates.find((h) => h !== focused.current);
    };
    const focus = (heading: HTMLElement) => {
      focused.current = heading;
      heading.focus();
    };

    const ready = newHeading();
    if (ready) {
      focus(ready);
      return;
    }
    const observer = new MutationObserver(() => {
      if (userMovedFocus()) return stop();
      const heading = newHeading();
      if (heading) {
        stop();
        focus(heading);
      }
    });
    const timer = setTimeout(() => {
      stop();
      // The same heading stayed (one screen for two paths), or none came: the heading or <main> takes focus.
      if (!userMovedFocus()) focus(root.querySelector<HTMLElement>(HEADING) ?? root);
    }, WAIT_MS);
    function stop() {
      observer.disconnect();
      clearTimeout(timer);
    }
    observer.observe(root, { childList: true, subtree: true });
    return stop;
  }, [container, pathname]);
}
