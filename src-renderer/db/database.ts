import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import type { Kind } from '@shared/domain/registry';
import {
  MAX_OPEN_COLLECTIONS,
  type collectionLayout,
  collectionNames,
  type CollectionName,
} from '@shared/storage/layout';
import { rxSchemaFor } from '@shared/storage/rx-schema';
import type { Stored } from '@shared/storage/stored-doc';
import { conflictHandlerFor } from '../sync/conflict-handler';
import { migrationStrategiesFor } from './migrations';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

type KindsOf<C extends CollectionName> = (typeof collectionLayout)[C]['kinds'][number];
/** A collection's document type: the union of its kinds' stored forms. */
export type CollectionDoc<C extends CollectionName> = { [K in KindsOf<C>]: Stored<K> }[KindsOf<C>];
export type AppCollections = { [C in CollectionName]: RxCollection<CollectionDoc<C>> };
export type AppDatabase = RxDatabase<AppCollections>;

export interface OpenDatabaseOptions {
  name: string;
  storage: RxStorage<unknown, unknown>;
  /** The collections this window needs (see collectionsByRole); all by default. */
  collections?: readonly CollectionName[];
  /** Turns on RxDB's dev-mode checks; never in production builds (it loads a remote iframe). */
  devMode?: boolean;
  /** Schema version per collection, for tests that write with an older schema. */
  versions?: Partial<Record<CollectionName, number>>;
  /** Leave old-version data in place until migrateIfNeeded() is called (RxDB's `autoMigrate: false`). */
  autoMigrate?: boolean;
}

let devModeLoaded = false;
async function loadDevMode() {
  if (devModeLoaded) return;
  // Vite replaces import.meta.env.PROD when bundling, so production bundles drop
  // dev-mode, and the remote iframe it injects, entirely.
  if (import.meta.env.PROD) throw new Error('RxDB dev-mode is not part of production builds');
  const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  devModeLoaded = true;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<AppDatabase> {
  const names = options.collections ?? collectionNames;
  if (names.length > MAX_OPEN_COLLECTIONS) {
    throw new Error(`A window may open at most ${MAX_OPEN_COLLECTIONS} collections, asked for ${names.length}`);
  }
  if (options.devMode) await loadDevMode();
  const db = await createRxDatabase<AppCollections>({
    name: options.name,
    storage: options.storage,
    localDocuments: true,
    multiInstance: false,
    ignoreDuplicate: false,
    closeDuplicates: true,
    // Screens count rows for badges and dashboards on selectors no index covers.
    allowSlowCount: true,
  });
  try {
    await db.addCollections(
      Object.fromEntries(
        names.map((name) => [
          name,
          {
            schema: rxSchemaFor(name, options.versions?.[name]) as never,
            migrationStrategies: migrationStrategiesFor(name, options.versions?.[name]),
            autoMigrate: options.autoMigrate ?? true,
            // How a device merges its edit with a newer server version (field by field).
            conflictHandler: conflictHandlerFor(name),
            localDocuments: false,
          },
        ]),
      ),
    );
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export function collectionOf<C extends CollectionName>(db: AppDatabase, name: C): AppCollections[C] {
  const collection = db.collections[name];
  if (!collection) throw new Error(`Collection ${name} is not open in this window`);
  return collection as AppCollections[C];
}

export type { Kind };
