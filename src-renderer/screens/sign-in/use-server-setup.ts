import { useEffect, useState } from 'react';
import { getBridge } from '@shared/ipc/bridge';
import { resolveServerUrl } from '../../auth/server-url';
import { checkServerSetup, type ServerSetup } from './server-setup';

/*
 * The server's setup state, asked when the sign-in screen opens and again
 * every few seconds until the server has accounts: a newcomer who runs the
 * seed command and restarts the server sees this screen change without a
 * reload. 5 s is 12 requests a minute, a tenth of the route's rate limit.
 */
export const SETUP_RECHECK_MS = 5_000;

export function useServerSetup(
  check: () => Promise<ServerSetup> = defaultCheck,
  recheckMs = SETUP_RECHECK_MS,
): ServerSetup {
  const [setup, setSetup] = useState<ServerSetup>({ state: 'checking' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      const next = await check();
      if (stopped) return;
      setSetup((previous) => (sameSetup(previous, next) ? previous : next));
      if (next.state === 'empty' || next.state === 'unreachable') timer = setTimeout(() => void run(), recheckMs);
    };
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [check, recheckMs]);
  return setup;
}

function sameSetup(a: ServerSetup, b: ServerSetup): boolean {
  return a.state === b.state && ('url' in a ? a.url : undefined) === ('url' in b ? b.url : undefined);
}

let serverUrl: Promise<string | undefined> | undefined;
function defaultCheck(): Promise<ServerSetup> {
  serverUrl ??= resolveServerUrl({ bridge: getBridge(), configured: import.meta.env.VITE_ASSIST_TEN_SERVER_URL });
  return serverUrl.then((url) => checkServerSetup(url));
}
