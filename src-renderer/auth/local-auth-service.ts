import { repo } from '../db/repository';
import type { AppDatabase } from '../db/database';
import { expectedId } from '@shared/storage/stored-doc';
import { AuthError, INVALID_CREDENTIALS_MESSAGE, type AuthService } from './auth-service';
import { verifyLocalPassword } from './local-verifier';

/*
 * Offline sign-in: the account must be in the local users collection and
 * have a password verifier on this device. User ids derive from the
 * normalised email, so the lookup needs no index scan and is case-blind.
 */
export function createLocalAuthService(db: AppDatabase): AuthService {
  return {
    async signIn({ email, password }) {
      const userId = expectedId('user', { email });
      const user = userId ? await repo(db, 'user').get(userId) : undefined;
      // Verify even when the user is unknown: the time taken must not reveal whether the email exists.
      const verified = await verifyLocalPassword(db, user?.id, password);
      if (!user || !verified) throw new AuthError('invalid_credentials', INVALID_CREDENTIALS_MESSAGE);
      if (!user.is_active) {
        throw new AuthError('inactive_account', 'This account is deactivated. Ask an administrator to reactivate it.');
      }
      return { id: user.id, email: user.email, full_name: user.full_name, role: user.role };
    },
    async signOut() {
      // Nothing is held beyond the in-memory session, which the caller clears.
    },
  };
}
