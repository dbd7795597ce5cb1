import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import {
  RouterProvider,
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
} from '@tanstack/react-router';
import { expectedId } from '@shared/storage/stored-doc';
import type { AppDatabase } from '../../db/database';
import { DatabaseContext } from '../../data/database-context';
import { useSessionStore, type SessionUser } from '../../state/session-store';

/** Test support: renders a screen that links elsewhere inside a one-page router, with the database and a user. */
export async function renderInRouter(ui: ReactElement, db: AppDatabase, user: SessionUser) {
  useSessionStore.setState({ user, signedInAt: new Date().toISOString() });
  // The router restores scroll on navigation; jsdom has no scrolling.
  window.scrollTo = () => {};
  const rootRoute = createRootRoute();
  const page = createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => ui });
  const router = createRouter({
    routeTree: rootRoute.addChildren([page]),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  await router.load();
  return render(
    <DatabaseContext value={db}>
      <RouterProvider router={router as never} />
    </DatabaseContext>,
  );
}

export const PROCTOR: SessionUser = {
  id: expectedId('user', { email: 'proctor@example.test' })!,
  email: 'proctor@example.test',
  full_name: 'Priya Iyer',
  role: 'proctor',
};
