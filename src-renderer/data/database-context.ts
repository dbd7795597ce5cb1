import { createContext, useContext } from 'react';
import type { AppDatabase } from '../db/database';

/** The window's open database; provided by DatabaseGate (or directly by tests). */
export const DatabaseContext = createContext<AppDatabase | null>(null);

export function useDatabase(): AppDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase used outside DatabaseGate');
  return db;
}
