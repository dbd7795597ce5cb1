import { RouterProvider } from '@tanstack/react-router';
import { DatabaseSwitcherContext } from '../data/DatabaseGate';
import type { DatabaseSwitcher } from '../data/database-switcher';
import type { createAppRouter } from './router';

interface AppProps {
  router: ReturnType<typeof createAppRouter>;
  databases: DatabaseSwitcher;
}

/** The whole renderer; main.tsx (and tests) choose the history and the storage. */
export function App({ router, databases }: AppProps) {
  return (
    <DatabaseSwitcherContext value={databases}>
      <RouterProvider router={router} />
    </DatabaseSwitcherContext>
  );
}
