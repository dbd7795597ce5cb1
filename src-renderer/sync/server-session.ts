import { TokenResponse } from '@shared/sync/auth-wire';
import { postForTokens, RefreshFlight, revokeOnServer } from './auth-requests';
import type { FetchLike, TokenSource } from './transport';

/*
 * A signed-in session with the sync server: the short-lived access token and
 * the rotating refresh token. Keeping the refresh token across restarts (the
 * OS keychain, via the main process) is the caller's business: `onTokens`
 * reports every new pair, and `resume` starts again from a kept token.
 */

/** Who the session belongs to, as far as the device needs to know. */
export type SessionAccount = Pick<TokenResponse['user'], 'id' | 'email' | 'full_name' | 'role'>;

export interface SessionOptions {
  fetch?: FetchLike;
  onTokens?: (tokens: TokenResponse) => void;
}

export class ServerSession implements TokenSource {
  private readonly flight = new RefreshFlight();

  private constructor(
    readonly baseUrl: string,
    private account: SessionAccount,
    private currentRefreshToken: string,
    private access: string | undefined,
    private readonly fetchImpl: FetchLike,
    private readonly onTokens?: (tokens: TokenResponse) => void,
  ) {}

  get user(): SessionAccount {
    return this.account;
  }

  get refreshToken(): string {
    return this.currentRefreshToken;
  }

  static async login(
    baseUrl: string,
    email: string,
    password: string,
    options: SessionOptions = {},
  ): Promise<ServerSession> {
    const fetchImpl = options.fetch ?? ((...args) => fetch(...args));
    const tokens = await postForTokens(fetchImpl, `${baseUrl}/auth/login`, { email, password }, TokenResponse);
    options.onTokens?.(tokens);
    return new ServerSession(
      baseUrl,
      tokens.user,
      tokens.refresh_token,
      tokens.access_token,
      fetchImpl,
      options.onTokens,
    );
  }

  /**
   * A session from a refresh token kept from an earlier sign-in (e.g. after an
   * offline unlock). It has no access token: the first request refreshes, which
   * works once the server is reachable and the token is still valid.
   */
  static resume(
    baseUrl: string,
    refreshToken: string,
    account: SessionAccount,
    options: SessionOptions = {},
  ): ServerSession {
    const fetchImpl = options.fetch ?? ((...args) => fetch(...args));
    return new ServerSession(baseUrl, account, refreshToken, undefined, fetchImpl, options.onTokens);
  }

  accessToken(): string | undefined {
    return this.access;
  }

  /**
   * Rotates the refresh token. Concurrent callers (every collection can hit a
   * 401 at once) share one request: presenting the same refresh token twice
   * would look like theft to the server and end the session.
   */
  refresh(): Promise<boolean> {
    return this.flight.run(
      async () => {
        const tokens = await postForTokens(
          this.fetchImpl,
          `${this.baseUrl}/auth/refresh`,
          { refresh_token: this.currentRefreshToken },
          TokenResponse,
        );
        this.account = tokens.user;
        this.currentRefreshToken = tokens.refresh_token;
        this.access = tokens.access_token;
        this.onTokens?.(tokens);
      },
      () => (this.access = undefined),
    );
  }

  /** Revokes the refresh token's family on the server; best effort (an offline device cannot). */
  logout(): Promise<boolean> {
    this.access = undefined;
    return revokeOnServer(this.fetchImpl, this.baseUrl, this.currentRefreshToken);
  }
}
