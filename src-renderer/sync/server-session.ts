import { TokenResponse } from '@shared/sync/auth-wire';
import type { ApiError } from '@shared/sync/wire';
import { SyncHttpError, SyncNetworkError, type FetchLike, type TokenSource } from './transport';

/*
 * A signed-in session with the sync server: the short-lived access token and
 * the rotating refresh token. Keeping the refresh token across restarts (the
 * OS keychain, via the main process) is the caller's business: `onTokens`
 * reports every new pair.
 */

export class ServerSession implements TokenSource {
  private access: string | undefined;
  private refreshInFlight: Promise<boolean> | undefined;

  private constructor(
    readonly baseUrl: string,
    private tokens: TokenResponse,
    private readonly fetchImpl: FetchLike,
    private readonly onTokens?: (tokens: TokenResponse) => void,
  ) {
    this.access = tokens.access_token;
  }

  get user() {
    return this.tokens.user;
  }

  get refreshToken() {
    return this.tokens.refresh_token;
  }

  static async login(
    baseUrl: string,
    email: string,
    password: string,
    options: { fetch?: FetchLike; onTokens?: (tokens: TokenResponse) => void } = {},
  ): Promise<ServerSession> {
    const fetchImpl = options.fetch ?? ((...args) => fetch(...args));
    const tokens = await postForTokens(fetchImpl, `${baseUrl}/auth/login`, { email, password });
    options.onTokens?.(tokens);
    return new ServerSession(baseUrl, tokens, fetchImpl, options.onTokens);
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
    this.refreshInFlight ??= (async () => {
      try {
        this.tokens = await postForTokens(this.fetchImpl, `${this.baseUrl}/auth/refresh`, {
          refresh_token: this.tokens.refresh_token,
        });
        this.access = this.tokens.access_token;
        this.onTokens?.(this.tokens);
        return true;
      } catch (error) {
        if (error instanceof SyncHttpError && error.status === 401) {
          this.access = undefined;
          return false;
        }
        throw error;
      } finally {
        this.refreshInFlight = undefined;
      }
    })();
    return this.refreshInFlight;
  }

  async logout(): Promise<void> {
    this.access = undefined;
    await this.fetchImpl(`${this.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: this.tokens.refresh_token }),
    }).catch(() => undefined);
  }
}

async function postForTokens(fetchImpl: FetchLike, url: string, body: unknown): Promise<TokenResponse> {
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
  return TokenResponse.parse(json);
}
