import { StationTokenResponse, type StationInfo } from '@shared/sync/station-wire';
import type { ApiError } from '@shared/sync/wire';
import { SyncHttpError, SyncNetworkError, type FetchLike, type TokenSource } from '../sync/transport';

/*
 * An exam station's session with the sync server: its own access token and
 * rotating refresh token, refreshed with its certificate at
 * /auth/station/refresh (src-server/auth/stations.ts). It starts with no
 * access token after a restart and refreshes once the server is reachable,
 * so a station runs offline all day and catches up when the network returns.
 */

export interface StationCredentials {
  serverUrl: string;
  refreshToken: string;
  certificate: string;
  station: StationInfo;
}

export async function postForStationTokens(
  fetchImpl: FetchLike,
  url: string,
  body: unknown,
): Promise<StationTokenResponse> {
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
  return StationTokenResponse.parse(json);
}

export class StationSession implements TokenSource {
  private access: string | undefined;
  private inFlight: Promise<boolean> | undefined;

  constructor(
    private credentials: StationCredentials,
    /** Called with every rotated pair, to keep them (station-credentials.ts). */
    private readonly onRotated: (credentials: StationCredentials) => void,
    private readonly fetchImpl: FetchLike = (...args) => fetch(...args),
    access?: string,
  ) {
    this.access = access;
  }

  get current(): StationCredentials {
    return this.credentials;
  }

  accessToken(): string | undefined {
    return this.access;
  }

  /** One refresh at a time: presenting a rotated token twice would revoke the station. */
  refresh(): Promise<boolean> {
    this.inFlight ??= (async () => {
      try {
        const tokens = await postForStationTokens(
          this.fetchImpl,
          `${this.credentials.serverUrl}/auth/station/refresh`,
          {
            refresh_token: this.credentials.refreshToken,
            station_certificate: this.credentials.certificate,
          },
        );
        this.access = tokens.access_token;
        this.credentials = { ...this.credentials, refreshToken: tokens.refresh_token };
        this.onRotated(this.credentials);
        return true;
      } catch (error) {
        if (error instanceof SyncHttpError && error.status === 401) {
          this.access = undefined;
          return false;
        }
        throw error;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }

  /** Revokes the station's tokens on the server; best effort (an offline station cannot). */
  async logout(): Promise<boolean> {
    this.access = undefined;
    return this.fetchImpl(`${this.credentials.serverUrl}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: this.credentials.refreshToken }),
    }).then(
      (r) => r.ok,
      () => false,
    );
  }
}
