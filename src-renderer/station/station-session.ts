import { StationTokenResponse, type StationInfo } from '@shared/sync/station-wire';
import { postForTokens, RefreshFlight, revokeOnServer } from '../sync/auth-requests';
import type { FetchLike, TokenSource } from '../sync/transport';

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

export function postForStationTokens(fetchImpl: FetchLike, url: string, body: unknown): Promise<StationTokenResponse> {
  return postForTokens(fetchImpl, url, body, StationTokenResponse);
}

export class StationSession implements TokenSource {
  private access: string | undefined;
  private readonly flight = new RefreshFlight();

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
    return this.flight.run(
      async () => {
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
      },
      () => (this.access = undefined),
    );
  }

  /** Revokes the station's tokens on the server; best effort (an offline station cannot). */
  logout(): Promise<boolean> {
    this.access = undefined;
    return revokeOnServer(this.fetchImpl, this.credentials.serverUrl, this.credentials.refreshToken);
  }
}
