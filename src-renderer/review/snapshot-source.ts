import { createContext, useContext } from 'react';
import type { Doc } from '@shared/domain/registry';
import type { AppDatabase } from '../db/database';
import { loadSnapshot } from '../proctoring/snapshots';

/*
 * Where the review screen gets an event's snapshot from: the station's
 * encrypted local store, or the server's blob store once synced (the
 * proctoring snapshot module decides). A context, so that component tests
 * can hand in pictures without either store.
 */

export type SnapshotLoader = (db: AppDatabase, event: Doc<'proctoring_event'>) => Promise<Blob | undefined>;

export const loadEventSnapshot: SnapshotLoader = loadSnapshot;

export const SnapshotLoaderContext = createContext<SnapshotLoader>(loadEventSnapshot);

export function useSnapshotLoader(): SnapshotLoader {
  return useContext(SnapshotLoaderContext);
}
