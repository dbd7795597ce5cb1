/*
 * Which origin counts as "the app itself". Every other policy (navigation,
 * permissions, IPC sender checks) asks this module, so there is exactly one
 * definition of "ours".
 *
 * Production pages are served from a custom privileged scheme rather than
 * file://, because file:// pages share one opaque origin with every local
 * file and cannot be told apart from them.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'assist-ten';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const ORIGIN_SCHEMES = new Set(['http:', 'https:', `${APP_SCHEME}:`]);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `scheme://host[:port]` of a URL, or null when the URL has no usable origin.
 * Node's URL reports origin "null" for non-special schemes such as app:, so
 * the origin is assembled by hand.
 */
export function originOf(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!ORIGIN_SCHEMES.has(url.protocol) || url.host === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return `${url.protocol}//${url.host}`.toLowerCase();
}

export function isOwnOrigin(value: string, ownOrigin: string): boolean {
  const origin = originOf(value);
  return origin !== null && origin === ownOrigin.toLowerCase();
}

export type RendererSource =
  { kind: 'dev-server'; url: string; origin: string } | { kind: 'app-protocol'; url: string; origin: string };

/**
 * Where the window loads its UI from. The dev server URL that electron-vite
 * sets is honoured only in an unpackaged app and only on a loopback address:
 * otherwise anyone able to set an environment variable could point the
 * packaged app, and its IPC secrets, at a page of their choosing.
 */
export function resolveRendererSource(options: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
}): RendererSource {
  const { isPackaged, devServerUrl } = options;
  if (!isPackaged && devServerUrl) {
    const origin = originOf(devServerUrl);
    if (origin !== null && origin.startsWith('http://') && LOOPBACK_HOSTS.has(new URL(devServerUrl).hostname)) {
      return { kind: 'dev-server', url: devServerUrl, origin };
    }
  }
  return { kind: 'app-protocol', url: APP_ENTRY_URL, origin: APP_ORIGIN };
}
