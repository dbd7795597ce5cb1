import { createContext } from 'react';
import type { SyncController } from '../sync/sync-controller';

/** The window's sync controller; absent in tests and wherever nothing replicates. */
export const SyncControllerContext = createContext<Pick<SyncController, 'attach'> | null>(null);
