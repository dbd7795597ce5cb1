import type { z } from 'zod';
import type { ApiError } from '@shared/sync/wire';
import { SyncHttpError, SyncNetworkError, type FetchLike } from './transport';

/*
 * The token requests people's sessions (server-session.ts) and exam stations'
 * (station/station-session.ts) have in common.
 */

/** POSTs JSON to an auth route and parses the token answer with `schema`; network and HTTP failures are typed. */
export async function postForTokens<T>(
  fetchImpl: FetchLike,
  url: string,
  body: unknown,
  schema: z.ZodType<T>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new SyncNetworkError(error);
  }
  const json = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new SyncHttpError(response.status, json as ApiError | undefined);
  return schema.parse(json);
}

/**
 * One refresh at a time: callers that ask together (several replications
 * hitting a 401 at once) share one request, since presenting a rotated
 * refresh token twice looks like theft to the server and ends the session.
 * `rotate` resolves once the new tokens are kept; a 401 means the session is
 * over (false, after `onEnded`); other failures (offline) are thrown.
 */
export class RefreshFlight {
  private inFlight: Promise<boolean> | undefined;

  run(rotate: () => Promise<void>, onEnded: () => void): Promise<boolean> {
    this.inFlight ??= (async () => {
      try {
        await rotate();
        return true;
      } catch (error) {
        if (error instanceof SyncHttpError && error.status === 401) {
          onEnded();
          return false;
        }
        throw error;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }
}

/** Revokes a refresh token's family on the server; best effort (an offline device cannot), true if it took. */
export function revokeOnServer(fetchImpl: FetchLike, baseUrl: string, refreshToken: string): Promise<boolean> {
  return fetchImpl(`${baseUrl}/auth/logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  }).then(
    (response) => response.ok,
    () => false,
  );
}
