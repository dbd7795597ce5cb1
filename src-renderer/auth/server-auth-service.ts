import type { TokenResponse } from '@shared/sync/auth-wire';
import { expectedId } from '@shared/storage/stored-doc';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';
import type { SessionUser } from '../state/session-store';
import { ServerSession, type SessionAccount } from '../sync/server-session';
import type { SyncController } from '../sync/sync-controller';
import { SyncHttpError, SyncNetworkError, type FetchLike } from '../sync/transport';
import type { AuthServiceFactory } from './auth-context';
import { AuthError, INVALID_CREDENTIALS_MESSAGE, type AuthService, type Credentials } from './auth-service';
import { createLocalAuthService } from './local-auth-service';
import { setLocalPassword, verifyLocalPassword } from './local-verifier';
import type { RefreshTokenStore } from './refresh-token-store';
import { findServerAccount, rememberServerAccount } from './server-accounts';

/*
 * Sign-in against the sync server, with offline unlock as the fallback.
 *
 * - Server reachable: POST /auth/login decides (a wrong password is wrong even
 *   if an older one would unlock offline). On success the device keeps a
 *   scrypt verifier of the password (never the password) and who the account
 *   is, so the same person can unlock here offline later; the refresh token
 *   goes to the token store; replication starts once the user's database is
 *   open (sync-controller.ts).
 * - Server unreachable (no network, refused, timed out, 5xx): the verifier
 *   decides. If a refresh token of that account is kept, sync resumes on its
 *   own when the network returns and the token is still valid.
 * - Accounts created on this device by "Load demo data" never touch the
 *   server: they sign in locally, as before.
 * The session with the server belongs to the window, not to the database the
 * sign-in screen had open, so one `createServerAuth` serves every database.
 */

export interface ServerAuthOptions {
  /** The sync server's base URL, or undefined when none is configured. */
  serverUrl: () => Promise<string | undefined>;
  tokens: RefreshTokenStore;
  sync: Pick<SyncController, 'connect' | 'disconnect'>;
  fetch?: FetchLike;
  /** navigator.onLine: when false the server is not even tried. */
  isOnline?: () => boolean;
  /** How long sign-in waits for the server before unlocking offline. */
  timeoutMs?: number;
  onWarning?: (message: string, error: unknown) => void;
}

export const OFFLINE_UNKNOWN_ACCOUNT_MESSAGE =
  'The sync server cannot be reached. Offline, only accounts that have signed in on this device before can sign in.';
export const TOO_MANY_ATTEMPTS_MESSAGE = 'Too many sign-in attempts for this account. Try again in a few minutes.';

const DEFAULT_TIMEOUT_MS = 10_000;

function accountOf({ id, email, full_name, role }: SessionAccount): SessionAccount {
  return { id, email, full_name, role };
}

function sessionUser(account: SessionAccount, server: string): SessionUser {
  return { ...accountOf(account), server };
}

/** The server answered, and not with a server fault: its answer stands. */
function refusal(error: SyncHttpError): AuthError {
  if (error.status === 401 || error.status === 400)
    return new AuthError('invalid_credentials', INVALID_CREDENTIALS_MESSAGE);
  if (error.status === 429) return new AuthError('unavailable', TOO_MANY_ATTEMPTS_MESSAGE);
  return new AuthError('unavailable', `The sync server refused the sign-in (${error.status}).`);
}

const unreachable = (error: unknown) =>
  error instanceof SyncNetworkError || (error instanceof SyncHttpError && error.status >= 500);

export function createServerAuth(options: ServerAuthOptions): AuthServiceFactory {
  const baseFetch: FetchLike = options.fetch ?? ((...args) => fetch(...args));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Only sign-in, refresh and sign-out go through this; the sync stream is long-lived and has its own fetch.
  const timedFetch: FetchLike = (input, init) =>
    baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  const isOnline = options.isOnline ?? (() => navigator.onLine);
  const warn = options.onWarning ?? ((message, error) => console.warn(message, error));
  let active: ServerSession | undefined;

  /** Saves each new refresh token, unless the session has ended meanwhile (a late rotation). */
  function tokenSaver(serverUrl: string, ref: { session?: ServerSession }) {
    return (tokens: TokenResponse) => {
      if (ref.session && ref.session !== active) return;
      options.tokens
        .save({ serverUrl, userId: tokens.user.id, token: tokens.refresh_token })
        .catch((error: unknown) => warn('The refresh token could not be kept; sync will not resume offline', error));
    };
  }

  async function link(session: ServerSession) {
    active = session;
    await options.sync.connect({ baseUrl: session.baseUrl, userId: session.user.id, session });
  }

  async function release() {
    active = undefined;
    await options.sync.disconnect();
  }

  async function unlockOffline(
    db: AppDatabase,
    serverUrl: string,
    userId: string | undefined,
    password: string,
  ): Promise<SessionUser> {
    const account = userId ? await findServerAccount(db, userId) : undefined;
    const usable = account?.serverUrl === serverUrl ? account : undefined;
    // Checked whatever the outcome, so the time taken does not tell known accounts apart.
    const verified = await verifyLocalPassword(db, usable?.user.id, password);
    if (!usable) throw new AuthError('unavailable', OFFLINE_UNKNOWN_ACCOUNT_MESSAGE);
    if (!verified) throw new AuthError('invalid_credentials', INVALID_CREDENTIALS_MESSAGE);
    const kept = await options.tokens.load().catch(() => undefined);
    if (kept?.userId === usable.user.id && kept.serverUrl === serverUrl) {
      const ref: { session?: ServerSession } = {};
      ref.session = ServerSession.resume(serverUrl, kept.token, usable.user, {
        fetch: timedFetch,
        onTokens: tokenSaver(serverUrl, ref),
      });
      await link(ref.session);
    } else {
      await release();
    }
    return sessionUser(usable.user, serverUrl);
  }

  async function signInOnline(db: AppDatabase, serverUrl: string, credentials: Credentials): Promise<SessionUser> {
    const userId = expectedId('user', { email: credentials.email });
    const ref: { session?: ServerSession } = {};
    try {
      if (!isOnline()) throw new SyncNetworkError('the device is offline');
      ref.session = await ServerSession.login(serverUrl, credentials.email, credentials.password, {
        fetch: timedFetch,
        onTokens: tokenSaver(serverUrl, ref),
      });
    } catch (error) {
      if (unreachable(error)) return unlockOffline(db, serverUrl, userId, credentials.password);
      if (error instanceof SyncHttpError) throw refusal(error);
      throw error;
    }
    const { user } = ref.session;
    await setLocalPassword(db, user.id, credentials.password);
    await rememberServerAccount(db, { serverUrl, user: accountOf(user) });
    await link(ref.session);
    return sessionUser(user, serverUrl);
  }

  return (db: AppDatabase): AuthService => {
    const local = createLocalAuthService(db);
    return {
      async signIn(credentials) {
        const serverUrl = await options.serverUrl();
        const userId = expectedId('user', { email: credentials.email });
        const deviceOnly =
          userId !== undefined &&
          !(await findServerAccount(db, userId)) &&
          (await repo(db, 'user').get(userId)) !== undefined;
        if (!serverUrl || deviceOnly) {
          await release();
          return local.signIn(credentials);
        }
        return signInOnline(db, serverUrl, credentials);
      },

      async signOut(user) {
        const session = active;
        await release();
        if (!user.server) return;
        // Revokes the whole token family on the server; offline this cannot, and the token simply expires.
        if (session) await session.logout();
        const kept = await options.tokens.load().catch(() => undefined);
        if (!kept || kept.userId === user.id) {
          // Signing out must not fail on the keychain; a token left behind still expires.
          await options.tokens.clear().catch((error: unknown) => warn('The refresh token could not be removed', error));
        }
      },
    };
  };
}
