import type { RxStorage } from 'rxdb';
import { wrappedValidateStorageFactory } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { isCollectionName } from '@shared/storage/layout';
import { validateStoredAtVersion } from '@shared/storage/stored-doc';
import { withNativeIndexQuery, type IndexQueryOptions } from './dexie-index-query';
import { routeRxdbBannerToDebug } from './rxdb-banner';

/*
 * Every storage the app uses is wrapped so that each write is validated
 * against its entity's own schema (by `kind`), whichever code path wrote it:
 * repositories, replication or a migration. RxDB's dev-mode also insists on a
 * wrapper whose name starts with "validate-".
 */
const withEntityValidation = wrappedValidateStorageFactory((schema) => {
  const collection = schema.title;
  // RxDB's own internal stores (replication checkpoints, metadata) are not ours to validate.
  if (!isCollectionName(collection)) return () => [];
  return (doc) => validateStoredAtVersion(collection, schema.version, doc as Record<string, unknown>);
}, 'assist-ten');

export function validatedStorage<S extends RxStorage<unknown, unknown>>(storage: S): S {
  return withEntityValidation({ storage }) as S;
}

/**
 * IndexedDB through Dexie: the renderer's persistent storage. Queries read
 * their index range with IDBIndex.getAll() (see dexie-index-query.ts); pass
 * `indexQuery: false` for RxDB's plain row-by-row cursor.
 */
export function dexieStorage(
  options: Parameters<typeof getRxStorageDexie>[0] = {},
  indexQuery: IndexQueryOptions | false = {},
) {
  routeRxdbBannerToDebug();
  const dexie = getRxStorageDexie(options);
  return validatedStorage(indexQuery === false ? dexie : withNativeIndexQuery(dexie, indexQuery));
}

/** In-memory storage for Node tests (fake-indexeddb is O(n) per cursor step). */
export function memoryStorage() {
  return validatedStorage(getRxStorageMemory());
}
