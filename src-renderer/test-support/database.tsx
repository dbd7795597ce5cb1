import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import type { CollectionName } from '@shared/storage/layout';
import { openDatabase, type AppDatabase } from '../db/database';
import { memoryStorage } from '../db/storage';
import { DatabaseContext } from '../data/database-context';
import { useSessionStore, type SessionUser } from '../state/session-store';

/*
 * Test helpers: an in-memory RxDB (never Dexie in Node tests) and a render
 * that provides it the way DatabaseGate does, optionally signed in.
 */

export async function openTestDatabase(collections?: readonly CollectionName[]): Promise<AppDatabase> {
  return openDatabase({ name: `test-${crypto.randomUUID()}`, storage: memoryStorage(), collections });
}

export function renderWithDatabase(ui: ReactElement, db: AppDatabase, user?: SessionUser) {
  useSessionStore.setState({ user: user ?? null, signedInAt: user ? new Date().toISOString() : null });
  return render(<DatabaseContext value={db}>{ui}</DatabaseContext>);
}

export const TIMESTAMP = '2026-11-24T09:00:00.000Z';
