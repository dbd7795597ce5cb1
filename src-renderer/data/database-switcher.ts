import { collectionNames, collectionsByRole, type CollectionName } from '@shared/storage/layout';
import type { UserRole } from '@shared/domain/enums';
import type { AppDatabase } from '../db/database';

/*
 * A window holds one open database at a time. RxDB allows 14 open
 * collections per JavaScript realm, so switching to another set (signing in,
 * signing out) must close the previous database before the next one opens.
 * Requests are queued, so a quick sign-in/sign-out never interleaves them.
 */

export type OpenWithCollections = (collections: readonly CollectionName[]) => Promise<AppDatabase>;

export interface DatabaseSwitcher {
  /** Opens the database with exactly these collections, closing any other first. */
  switchTo(collections: readonly CollectionName[]): Promise<AppDatabase>;
  close(): Promise<void>;
}

/*
 * Before sign-in the window opens every collection (12, under the limit):
 * sign-in itself needs only users, but first-run setup ("Load demo data")
 * writes to all of them, and reopening under the sign-in form would lose it.
 * After sign-in the window narrows to the role's collections.
 */
export function collectionsFor(role: UserRole | undefined): readonly CollectionName[] {
  return role ? collectionsByRole[role] : collectionNames;
}

export function collectionsKey(collections: readonly CollectionName[]): string {
  return [...collections].sort().join(',');
}

export function createDatabaseSwitcher(open: OpenWithCollections): DatabaseSwitcher {
  let current: { key: string; db: AppDatabase } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function enqueue<T>(step: () => Promise<T>): Promise<T> {
    const next = queue.then(step, step);
    queue = next.catch(() => undefined);
    return next;
  }

  async function closeCurrent() {
    const previous = current;
    current = undefined;
    if (previous && !previous.db.closed) await previous.db.close();
  }

  return {
    switchTo(collections) {
      const key = collectionsKey(collections);
      return enqueue(async () => {
        if (current?.key === key && !current.db.closed) return current.db;
        await closeCurrent();
        const db = await open(collections);
        current = { key, db };
        return db;
      });
    },
    close: () => enqueue(closeCurrent),
  };
}
