/*
 * The sync server the renderer may talk to. It is configurable per
 * deployment (ASSIST_TEN_SERVER_URL) and feeds both the CSP connect-src and
 * the `app:get-server-url` channel, so both always agree.
 */

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export interface SyncServer {
  /** Normalised base URL without a trailing slash, e.g. "https://sync.example.com/api". */
  url: string;
  /** "http(s)://host:port", for connect-src. */
  httpOrigin: string;
  /** The ws(s) equivalent, for the live replication stream. */
  wsOrigin: string;
}

export type SyncServerResult = { ok: true; server: SyncServer } | { ok: false; reason: string };

export function resolveSyncServer(configured: string | undefined): SyncServerResult {
  const raw = configured?.trim() || DEFAULT_SERVER_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `ASSIST_TEN_SERVER_URL is not a URL: "${raw}"` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `ASSIST_TEN_SERVER_URL must use http or https, got "${url.protocol}"` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'ASSIST_TEN_SERVER_URL must not contain credentials' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'ASSIST_TEN_SERVER_URL must not contain a query or fragment' };
  }
  const path = url.pathname.replace(/\/+$/, '');
  const wsScheme = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    ok: true,
    server: { url: `${url.origin}${path}`, httpOrigin: url.origin, wsOrigin: `${wsScheme}//${url.host}` },
  };
}
