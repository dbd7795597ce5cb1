import type { MouseEvent } from 'react';

export const MAIN_CONTENT_ID = 'main-content';

/*
 * "Skip to content" for keyboard users. A plain `#main-content` link would
 * change the URL hash, which hash routing reads as a route, so the link
 * moves focus by script instead (the href keeps it a real, focusable link).
 */
export function SkipLink() {
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    const main = document.getElementById(MAIN_CONTENT_ID);
    const heading = main?.querySelector<HTMLElement>('[data-screen-heading]');
    (heading ?? main)?.focus();
  }
  return (
    <a className="skip-link" href={`#${MAIN_CONTENT_ID}`} onClick={skip}>
      Skip to content
    </a>
  );
}
