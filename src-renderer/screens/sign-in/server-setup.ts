import { SETUP_STATUS_PATH, SetupStatus } from '@shared/sync/setup-wire';

/*
 * What the sign-in screen knows about the sync server before anyone signs in:
 * - `no-server`: none is configured (the app signs in offline only);
 * - `unreachable`: it did not answer (not started, wrong port, offline);
 * - `empty`: it answered and has no account, so nobody can sign in to it yet;
 * - `ready`: it has accounts.
 * Only `ready` and `empty` come from the server's own answer, parsed with the
 * shared zod type; anything unparsable counts as unreachable.
 */

export type ServerSetup =
  | { state: 'checking' }
  | { state: 'no-server' }
  | { state: 'unreachable'; url: string }
  | { state: 'empty'; url: string }
  | { state: 'ready'; url: string };

/** A reachable server answers in milliseconds on loopback; a dead port fails at once, a dropped packet waits this. */
export const SETUP_CHECK_TIMEOUT_MS = 3_000;

export async function checkServerSetup(
  url: string | undefined,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<ServerSetup> {
  if (!url) return { state: 'no-server' };
  try {
    const response = await fetchImpl(`${url}${SETUP_STATUS_PATH}`, {
      signal: AbortSignal.timeout(SETUP_CHECK_TIMEOUT_MS),
      cache: 'no-store',
    });
    if (!response.ok) return { state: 'unreachable', url };
    const status = SetupStatus.safeParse(await response.json());
    if (!status.success) return { state: 'unreachable', url };
    return { state: status.data.has_accounts ? 'ready' : 'empty', url };
  } catch {
    return { state: 'unreachable', url };
  }
}
