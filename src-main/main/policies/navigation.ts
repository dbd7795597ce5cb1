import { isOwnOrigin } from './app-origin';

/*
 * The window may only ever show the app's own pages. Any navigation or
 * redirect elsewhere (a stray link, an injected location.href) is refused,
 * so a remote page can never end up holding the preload bridge.
 */
export function isNavigationAllowed(targetUrl: string, ownOrigin: string): boolean {
  return isOwnOrigin(targetUrl, ownOrigin);
}
