// @vitest-environment jsdom
import { useRef } from 'react';
import { afterEach, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useScreenHeadingFocus } from './use-screen-heading-focus';

afterEach(cleanup);

/** A layout whose screen (`shown`) can change a moment after its path, as the router renders the new route. */
function Layout({ path, shown }: { path: string; shown: string }) {
  const main = useRef<HTMLElement>(null);
  useScreenHeadingFocus(main, path);
  return (
    <main ref={main} tabIndex={-1}>
      <h1 key={shown} tabIndex={-1} data-screen-heading="">
        {shown}
      </h1>
    </main>
  );
}

it('focuses the new screen’s heading once it renders, not the outgoing one', async () => {
  const view = render(<Layout path="Review queue" shown="Review queue" />);
  await waitFor(() => expect(document.activeElement?.textContent).toBe('Review queue'));

  // The path changes first; the outgoing heading is still there, and is not focused again.
  view.rerender(<Layout path="Review: Ada Obi" shown="Review queue" />);
  expect(document.activeElement?.textContent).toBe('Review queue');
  // The new screen renders a moment later, replacing the old heading.
  view.rerender(<Layout path="Review: Ada Obi" shown="Review: Ada Obi" />);
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Review: Ada Obi' })));
});
