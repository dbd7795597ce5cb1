import { sha256Hex } from '@shared/domain/ids';
import { collectionNames, collectionsByRole, type CollectionName } from '@shared/storage/layout';
import type { PrincipalRole } from '@shared/permissions/principal';
import type { AppDatabase } from '../db/database';

/*
 * A window holds one open database at a time. RxDB allows 14 open
 * collections per JavaScript realm, so switching to another set (signing in,
 * signing out) must close the previous database before the next one opens.
 * Requests are queued, so a quick sign-in/sign-out never interleaves them.
 *
 * Which database: the device database (`assist-ten`) holds what exists before
 * anyone signs in (password verifiers, demo data and its accounts). Each
 * server account replicates into a database of its own: a role's pull scope
 * is not another's, and replication checkpoints belong to one scope, so two
 * people sharing a workstation never see, or push, each other's copy.
 */

export const DEVICE_DATABASE = 'assist-ten';

export interface DatabaseTarget {
  name: string;
  collections: readonly CollectionName[];
}

export type OpenDatabaseAt = (collections: readonly CollectionName[], name: string) => Promise<AppDatabase>;

export interface DatabaseSwitcher {
  /** Opens the database with exactly these collections, closing any other first. */
  switchTo(target: DatabaseTarget): Promise<AppDatabase>;
  close(): Promise<void>;
}

export interface SwitcherHooks {
  /** Runs before a database closes, e.g. to stop replicating into it. */
  beforeClose?: (db: AppDatabase) => Promise<void>;
}

/*
 * Before sign-in the window opens every collection (12, under the limit):
 * sign-in itself needs only users, but first-run setup ("Load demo data")
 * writes to all of them, and reopening under the sign-in form would lose it.
 * After sign-in the window narrows to the role's collections.
 */
export function collectionsFor(role: PrincipalRole | undefined): readonly CollectionName[] {
  return role ? collectionsByRole[role] : collectionNames;
}

/** The database a signed-in user works in: their own for a server account, the device's otherwise. */
export function databaseNameFor(user: { id: string; server?: string } | null | undefined): string {
  if (!user?.server) return DEVICE_DATABASE;
  // Hashed: IndexedDB names show up in devtools and profile folders; the server URL and id need not.
  return `${DEVICE_DATABASE}-${sha256Hex(`${user.server}\n${user.id}`).slice(0, 24)}`;
}

export function targetKey({ name, collections }: DatabaseTarget): string {
  return `${name}:${[...collections].sort().join(',')}`;
}

export function createDatabaseSwitcher(open: OpenDatabaseAt, hooks: SwitcherHooks = {}): DatabaseSwitcher {
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
    if (!previous || previous.db.closed) return;
    await hooks.beforeClose?.(previous.db);
    await previous.db.close();
  }

  return {
    switchTo(target) {
      const key = targetKey(target);
      return enqueue(async () => {
        if (current?.key === key && !current.db.closed) return current.db;
        await closeCurrent();
        const db = await open(target.collections, target.name);
        current = { key, db };
        return db;
      });
    },
    close: () => enqueue(closeCurrent),
  };
}
