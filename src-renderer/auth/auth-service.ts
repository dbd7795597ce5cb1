import type { SessionUser } from '../state/session-store';

/*
 * The seam between the sign-in screen and whoever checks credentials. Today
 * that is this device alone (local-auth-service.ts); a later issue adds a
 * server-backed service that falls back to the local one when offline.
 */

export interface Credentials {
  email: string;
  password: string;
}

export type AuthFailure = 'invalid_credentials' | 'inactive_account' | 'unavailable';

export class AuthError extends Error {
  constructor(
    readonly reason: AuthFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export interface AuthService {
  /** Resolves with the signed-in user, or rejects with an AuthError whose message can be shown as is. */
  signIn(credentials: Credentials): Promise<SessionUser>;
  /** Ends the session wherever it was established (nothing to do for local sign-in). */
  signOut(user: SessionUser): Promise<void>;
}

/** One message for unknown emails and wrong passwords, so neither reveals which accounts exist. */
export const INVALID_CREDENTIALS_MESSAGE = 'Email or password is incorrect.';
