import type { AssistTenBridge } from '@shared/ipc/bridge';

/*
 * Where the sync server is. In Electron the main process decides (from
 * ASSIST_TEN_SERVER_URL, the same value its CSP allows) and answers over IPC.
 * The browser build has no main process, so the URL is fixed when it is
 * built (VITE_ASSIST_TEN_SERVER_URL), defaulting to the server `npm start`
 * runs next to the app.
 */

declare global {
  interface ImportMetaEnv {
    readonly VITE_ASSIST_TEN_SERVER_URL?: string;
  }
}

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/** The URL without a trailing slash, or undefined if it is not an http(s) URL. */
export function normaliseServerUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

export interface ServerUrlSources {
  bridge: AssistTenBridge | undefined;
  /** The build-time setting of the browser build. */
  configured: string | undefined;
}

/** The sync server's base URL, or undefined when none is usable (the app then signs in offline only). */
export async function resolveServerUrl({ bridge, configured }: ServerUrlSources): Promise<string | undefined> {
  if (bridge) {
    try {
      return normaliseServerUrl((await bridge.invoke('app:get-server-url')).url);
    } catch {
      // A main process without a usable server URL: sign-in stays offline rather than failing.
      return undefined;
    }
  }
  return normaliseServerUrl(configured || DEFAULT_SERVER_URL);
}
