import type { WebContents } from 'electron';
import { isNavigationAllowed } from './policies/navigation';
import { decideWindowOpen } from './policies/window-open';

/*
 * Wires the navigation and window-open policies to one WebContents. Applied
 * from app 'web-contents-created', so every WebContents the app ever creates
 * gets them, not only the main window.
 */

export interface WebContentsHardeningOptions {
  ownOrigin: string;
  openExternal: (url: string) => void;
  log: (message: string) => void;
  /** True while an exam holds the app in kiosk mode: then no navigation at all, and nothing opens outside. */
  isKiosk?: () => boolean;
}

type NavigationEvent = { url: string; preventDefault(): void };

export function hardenWebContents(contents: WebContents, options: WebContentsHardeningOptions): void {
  const refuseForeign = (kind: string) => (event: NavigationEvent) => {
    if (isNavigationAllowed(event.url, options.ownOrigin, { kiosk: options.isKiosk?.() })) return;
    event.preventDefault();
    options.log(`${kind} to ${event.url} refused`);
  };
  contents.on('will-navigate', refuseForeign('navigation'));
  contents.on('will-frame-navigate', refuseForeign('frame navigation'));
  contents.on('will-redirect', refuseForeign('redirect'));

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, { kiosk: options.isKiosk?.() });
    if (decision.openExternally) options.openExternal(url);
    else options.log(`window.open of ${url} refused`);
    return { action: decision.action };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log('<webview> refused');
  });
}
