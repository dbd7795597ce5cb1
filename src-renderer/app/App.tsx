import { RouterProvider } from '@tanstack/react-router';
import { AuthServiceContext, type AuthServiceFactory } from '../auth/auth-context';
import { createLocalAuthService } from '../auth/local-auth-service';
import { DatabaseSwitcherContext } from '../data/DatabaseGate';
import type { DatabaseSwitcher } from '../data/database-switcher';
import { SyncControllerContext } from '../data/sync-context';
import type { SyncController } from '../sync/sync-controller';
import type { createAppRouter } from './router';

interface AppProps {
  router: ReturnType<typeof createAppRouter>;
  databases: DatabaseSwitcher;
  /** Who checks credentials; device-only sign-in when absent (tests). */
  authService?: AuthServiceFactory;
  /** Starts replication once a server account's database is open; none when absent. */
  sync?: Pick<SyncController, 'attach'>;
}

/** The whole renderer; main.tsx (and tests) choose the history, the storage, sign-in and sync. */
export function App({ router, databases, authService = createLocalAuthService, sync }: AppProps) {
  return (
    <DatabaseSwitcherContext value={databases}>
      <AuthServiceContext value={authService}>
        <SyncControllerContext value={sync ?? null}>
          <RouterProvider router={router} />
        </SyncControllerContext>
      </AuthServiceContext>
    </DatabaseSwitcherContext>
  );
}
