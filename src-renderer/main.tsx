import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashHistory } from '@tanstack/react-router';
import { getBridge } from '@shared/ipc/bridge';
import { openDatabase } from './db/database';
import { dexieStorage } from './db/storage';
import { App } from './app/App';
import { createAppRouter } from './app/router';
import { createDatabaseSwitcher } from './data/database-switcher';
import { createServerAuth } from './auth/server-auth-service';
import { resolveServerUrl } from './auth/server-url';
import { browserStorageTokens, inOrder, secureStoreTokens } from './auth/refresh-token-store';
import { browserNetwork } from './sync/network';
import { startSync } from './sync/sync-client';
import { withSnapshotUploads } from './proctoring/snapshots/uploader';
import { SyncController } from './sync/sync-controller';
import { useSyncStore } from './state/sync-store';
import { browserStorageStation, secureStoreStation } from './station/station-credentials';
import { configureStation, restoreStation } from './station/station-store';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/exam.css';

/*
 * Entry point, identical in Electron and in a plain browser. Hash history,
 * because under app:// or file:// there is no server to answer deep paths.
 * RxDB dev-mode stays off: it loads a remote iframe, which the CSP forbids
 * and an offline device cannot reach.
 */
const bridge = getBridge();
const storage = dexieStorage();

const sync = new SyncController({
  // Proctoring snapshots upload while a sync client runs (proctoring/snapshots/uploader.ts).
  start: withSnapshotUploads((options) => startSync(options)),
  network: browserNetwork(),
  report: (status) =>
    status ? useSyncStore.getState().report({ linked: true, ...status }) : useSyncStore.getState().reset(),
});
const databases = createDatabaseSwitcher(
  (collections, name) => openDatabase({ name, storage, collections, devMode: false }),
  // Replication must stop before its database closes (sign-out, another user, another role).
  { beforeClose: (db) => sync.detach(db) },
);
let serverUrl: Promise<string | undefined> | undefined;
const authService = createServerAuth({
  serverUrl: () => (serverUrl ??= resolveServerUrl({ bridge, configured: import.meta.env.VITE_ASSIST_TEN_SERVER_URL })),
  tokens: inOrder(bridge ? secureStoreTokens(bridge) : browserStorageTokens(window.localStorage)),
  sync,
});
// Exam station mode (station/station-store.ts); a kept station reopens, offline if need be, before the first route.
configureStation({
  sync,
  credentials: bridge ? secureStoreStation(bridge) : browserStorageStation(),
  pendingChanges: () => useSyncStore.getState().pendingPush,
});
const router = createAppRouter(createHashHistory());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = container;
void restoreStation()
  .catch((error: unknown) => console.error('The exam station could not be reopened', error))
  .finally(() =>
    createRoot(root).render(
      <StrictMode>
        <App router={router} databases={databases} authService={authService} sync={sync} />
      </StrictMode>,
    ),
  );
