import type { ReactNode } from 'react';

/*
 * Each screen's heading. The layout moves focus here after navigation
 * (tabIndex -1 makes it focusable by script only), so screen-reader users
 * hear where they landed.
 */
export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1 tabIndex={-1} data-screen-heading="">
        {title}
      </h1>
      {children && <div className="screen-header-description">{children}</div>}
    </header>
  );
}
