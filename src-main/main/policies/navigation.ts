import { isOwnOrigin } from './app-origin';
import { enforces } from '../../../src-shared/lockdown/enforcement';

/*
 * The window may only ever show the app's own pages. Any navigation or
 * redirect elsewhere (a stray link, an injected location.href) is refused,
 * so a remote page can never end up holding the preload bridge.
 *
 * In kiosk mode (policy 'navigation') even the app's own pages are refused:
 * the exam moves between questions by hash routes, which never navigate, so
 * a real navigation mid-exam could only reload the page and lose its state.
 */
export function isNavigationAllowed(targetUrl: string, ownOrigin: string, options: { kiosk?: boolean } = {}): boolean {
  if (options.kiosk) return false;
  return isOwnOrigin(targetUrl, ownOrigin);
}

export const LOCKDOWN_ENFORCED = enforces('electron', ['navigation']);
