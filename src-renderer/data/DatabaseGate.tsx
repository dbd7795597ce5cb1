import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { STATION } from '@shared/permissions/principal';
import { useSessionStore } from '../state/session-store';
import { useStationStore } from '../station/station-store';
import type { AppDatabase } from '../db/database';
import { DatabaseContext } from './database-context';
import { collectionsFor, databaseNameFor, targetKey, type DatabaseSwitcher } from './database-switcher';
import { SyncControllerContext } from './sync-context';

/** The switcher the app opens its database with; main.tsx provides the Dexie-backed one. */
export const DatabaseSwitcherContext = createContext<DatabaseSwitcher | null>(null);

type OpenState = { key: string; db: AppDatabase; error?: undefined } | { key: string; db?: undefined; error: Error };

/*
 * Opens the signed-in user's database with the collections their role needs
 * and renders its children only once that database is open. When the user
 * or role changes, children unmount first (their live queries unsubscribe),
 * then the old database closes (replication into it stops first, see
 * main.tsx) and the new one opens. A server account's database starts
 * replicating once open, in the background: the screens show local data at
 * once and fill in as the pull arrives.
 */
export function DatabaseGate({ children }: { children: ReactNode }) {
  const switcher = useContext(DatabaseSwitcherContext);
  if (!switcher) throw new Error('DatabaseGate needs a DatabaseSwitcherContext provider');
  const sync = useContext(SyncControllerContext);
  const user = useSessionStore((s) => s.user);
  // An exam station owns the window while active (station/station-store.ts): its own database and scope.
  const station = useStationStore((s) => s.station);
  const role = station ? STATION : user?.role;
  const userId = station ? station.info.id : user?.id;
  const name = station ? station.databaseName : databaseNameFor(user);
  const replicates = station !== null || Boolean(user?.server);
  const key = targetKey({ name, collections: collectionsFor(role) });
  const [state, setState] = useState<OpenState | undefined>();

  useEffect(() => {
    let current = true;
    switcher.switchTo({ name, collections: collectionsFor(role) }).then(
      (db) => {
        if (!current) return;
        setState({ key, db });
        if (replicates && role && userId) {
          // Not awaited: the screens work on local data while the first pull runs.
          sync?.attach({ db, userId, role }).catch((e: unknown) => console.error('Sync could not start', e));
        }
      },
      (error: unknown) =>
        current && setState({ key, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [switcher, sync, name, role, userId, replicates, key]);

  if (state?.key === key && state.error) {
    return <DatabaseError error={state.error} />;
  }
  if (state?.key !== key || !state.db) {
    return (
      <main id="main-content" tabIndex={-1} className="centered-page">
        <p role="status" className="loading">
          Opening local database…
        </p>
      </main>
    );
  }
  return <DatabaseContext value={state.db}>{children}</DatabaseContext>;
}

/** RxDB errors carry a short code and a very long message: show the code, keep the rest one click away. */
function DatabaseError({ error }: { error: Error }) {
  const code = (error as { code?: unknown }).code;
  return (
    <main id="main-content" tabIndex={-1} className="centered-page">
      <div role="alert" className="panel error-panel">
        <h1>The local database could not be opened</h1>
        <p>{typeof code === 'string' ? `Storage error ${code}.` : error.message.slice(0, 200)}</p>
        <p>If another Assist-Ten window is open, close it and reload this one.</p>
        <details>
          <summary>Technical details</summary>
          <pre className="error-details">{error.message}</pre>
        </details>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    </main>
  );
}
