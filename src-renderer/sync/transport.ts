import type { CollectionName } from '@shared/storage/layout';
import type { ApiError, Checkpoint, PullResponse, PushRow, WireDoc } from '@shared/sync/wire';

/*
 * HTTP calls to the sync server with the session's bearer token. A 401 gets
 * one token refresh and one retry; other failures surface as SyncHttpError
 * (the server answered) or SyncNetworkError (it did not).
 */

export interface TokenSource {
  /** The current access token, if signed in. */
  accessToken(): string | undefined;
  /** Gets a new access token (e.g. with the refresh token); false when the session is over. */
  refresh(): Promise<boolean>;
}

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.message ?? `Sync server answered ${status}`);
    this.name = 'SyncHttpError';
  }
}

export class SyncNetworkError extends Error {
  constructor(cause: unknown) {
    super(`Sync server unreachable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'SyncNetworkError';
  }
}

export type FetchLike = typeof fetch;

/**
 * How long a pull or push may take, body included, before it counts as a
 * network failure and RxDB retries it. Without a bound, one request held by
 * a dead connection (a NAT that dropped it, a proxy that holds it) stops its
 * collection's replication for good: the fault soak saw stations "Online ·
 * N changes to send" that never sent them. Generous, because a pull answer
 * can reach tens of megabytes on a slow link (sync-client.ts batch sizes).
 */
export const REQUEST_TIMEOUT_MS = 45_000;

export class SyncTransport {
  constructor(
    readonly baseUrl: string,
    readonly tokens: TokenSource,
    private readonly fetchImpl: FetchLike = (...args) => fetch(...args),
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  /**
   * A request with the bearer token; refreshes it once, on 401 or when there is
   * no access token yet (a session resumed from a stored refresh token has
   * none until its first refresh). Returns the raw response (status < 400).
   */
  async send(path: string, init: RequestInit = {}): Promise<Response> {
    let refreshed = false;
    for (;;) {
      let token = this.tokens.accessToken();
      if (!token && !refreshed) {
        refreshed = true;
        if (await this.tokens.refresh()) token = this.tokens.accessToken();
      }
      if (!token) throw new SyncHttpError(401, undefined);
      let response: Response;
      try {
        response = await this.fetchImpl(`${this.baseUrl}${path}`, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
        });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        throw new SyncNetworkError(error);
      }
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        if (await this.tokens.refresh()) continue;
      }
      if (response.status >= 400) {
        const body = (await response.json().catch(() => undefined)) as ApiError | undefined;
        throw new SyncHttpError(response.status, body);
      }
      return response;
    }
  }

  private async postJson<T>(path: string, body: unknown): Promise<T> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timeoutMs);
    try {
      const response = await this.send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: deadline.signal,
      });
      return (await response.json()) as T;
    } catch (error) {
      if (deadline.signal.aborted) throw new SyncNetworkError(new Error(`no answer within ${this.timeoutMs} ms`));
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  pull(collection: CollectionName, checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse> {
    return this.postJson(`/sync/${collection}/pull`, { checkpoint: checkpoint ?? null, limit });
  }

  push(collection: CollectionName, rows: PushRow[]): Promise<WireDoc[]> {
    return this.postJson(`/sync/${collection}/push`, rows);
  }
}
