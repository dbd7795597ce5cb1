import { createContext, useContext, useMemo } from 'react';
import type { AppDatabase } from '../db/database';
import { useDatabase } from '../data/database-context';
import type { AuthService } from './auth-service';
import { createLocalAuthService } from './local-auth-service';

/** Builds the auth service for the window's open database; swap it to add server sign-in. */
export type AuthServiceFactory = (db: AppDatabase) => AuthService;

export const AuthServiceContext = createContext<AuthServiceFactory>(createLocalAuthService);

export function useAuthService(): AuthService {
  const db = useDatabase();
  const factory = useContext(AuthServiceContext);
  return useMemo(() => factory(db), [factory, db]);
}
