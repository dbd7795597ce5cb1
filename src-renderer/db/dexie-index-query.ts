import {
  getQueryMatcher,
  getSortComparator,
  RXDB_VERSION,
  type DexieSettings,
  type PreparedQuery,
  type QueryMatcher,
  type RxDocumentData,
  type RxStorageCountResult,
  type RxStorageInstanceCreationParams,
  type RxStorageQueryResult,
} from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getKeyRangeByQueryPlan,
  type RxStorageDexie,
  type RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';

/*
 * RxDB's Dexie storage answers `query()` by walking an IndexedDB cursor over
 * the planned index one row at a time (rxdb/dist/esm/plugins/storage-dexie/
 * dexie-query.js, `dexieQuery`). Each step is a round trip through the
 * IndexedDB event loop, which makes the storage layer 2–3× slower than a
 * plain Dexie `where().equals().toArray()` on the same index.
 *
 * This wrapper replaces each storage instance's `query()` (and the slow path
 * of `count()`, which RxDB routes through the same cursor walk) with a batched
 * read of the very same index and key range through `IDBIndex.getAll()`, and
 * then does exactly what `dexieQuery` does with the rows: convert them with
 * `fromDexieToStorage`, filter with `getQueryMatcher` unless the plan says the
 * index satisfies the selector, sort with `getSortComparator` unless the plan
 * says the index order is the sort order, then apply skip/limit.
 *
 * Mirrored from RxDB 17.6 (re-check on any upgrade, see the version guard):
 * - the key range comes from RxDB's own `getKeyRangeByQueryPlan` (booleans as
 *   '0'/'1', INDEX_MIN as -Infinity, `inclusiveStart/End` as open bounds), and
 *   a DataError from it means "no result", as in RxDB;
 * - the index name is '[' + fields (pipe-substituted) joined by '+' + ']', and
 *   rows are read in ascending index order only (RxDB's Dexie storage never
 *   reads descending: any 'desc' sort turns `sortSatisfiedByIndex` off);
 * - `_deleted` is simply the first field of every planned index, so deleted
 *   documents are excluded (or selected) by the key range itself;
 * - RxDB stops its cursor once it has `skip + limit` matching rows when the
 *   index order is the sort order; so do we, at batch granularity;
 * - the query matcher is built before the key range, so an invalid selector
 *   throws just as it does in RxDB.
 *
 * Memory: a range is read in batches of at most `chunkSize` rows, each batch
 * continuing after the previous batch's last index key (every RxDB index ends
 * with, or contains, the primary key, so index keys are unique). All batches
 * run in one readonly transaction, so the result is one consistent snapshot.
 *
 * Anything this does not recognise (other RxDB major versions, single-field
 * plans, an index missing from the store, skip/limit that are not
 * non-negative integers, a closed database, an index value that is not a
 * string or number) goes to RxDB's original `query()`.
 */

/** The RxDB major version whose Dexie query semantics this file mirrors. */
export const MIRRORED_RXDB_MAJOR = 17;

export function isMirroredRxdbVersion(version: string): boolean {
  return version.split('.')[0] === String(MIRRORED_RXDB_MAJOR);
}

/** True when the installed RxDB is the one this optimisation was written against. */
export const nativeIndexQueryEnabled = isMirroredRxdbVersion(RXDB_VERSION);

export const DEFAULT_CHUNK_SIZE = 1000;
/** `getAll()`'s count is an unsigned long; anything above it means "no count". */
const MAX_GETALL_COUNT = 2 ** 32 - 1;

export type IndexQueryPath = 'native' | 'fallback';

export interface IndexQueryOptions {
  /** Rows per `getAll()` batch; `Infinity` reads a whole range at once. */
  chunkSize?: number;
  /** Called once per `query()` with the path it took (tests, diagnostics). */
  onQuery?: (path: IndexQueryPath, collection: string) => void;
}

/* The few IndexedDB shapes used here, structurally: the Node tsconfig has no DOM lib. */
interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: ((this: unknown, event: unknown) => void) | null;
  onerror: ((this: unknown, event: unknown) => void) | null;
}
interface IdbKeyRangeInstance {
  readonly upper: unknown;
  readonly upperOpen: boolean;
}
interface IdbKeyRangeStatic {
  bound(lower: unknown, upper: unknown, lowerOpen?: boolean, upperOpen?: boolean): IdbKeyRangeInstance;
}
interface IdbIndex {
  readonly keyPath: string | string[];
  getAll(range: IdbKeyRangeInstance, count?: number): IdbRequest<unknown[]>;
}
interface IdbStore {
  readonly indexNames: { contains(name: string): boolean };
  index(name: string): IdbIndex;
}
interface IdbDatabase {
  transaction(stores: string, mode: 'readonly'): { objectStore(name: string): IdbStore };
}
interface DexieLike {
  isOpen(): boolean;
  backendDB(): unknown;
  readonly _options: { IDBKeyRange?: unknown };
}

type DexieInstance = RxStorageInstanceDexie<unknown>;
type Doc = RxDocumentData<unknown>;

/** Thrown inside a read to hand the query back to RxDB's own implementation. */
class Unhandled extends Error {}

/** IndexedDB's "evaluate a key path on a value", for the key types RxDB indexes hold. */
function indexKeyOf(record: unknown, keyPath: string | string[]): unknown {
  if (Array.isArray(keyPath)) return keyPath.map((path) => indexKeyOf(record, path));
  let value: unknown = record;
  if (keyPath !== '') {
    for (const identifier of keyPath.split('.')) {
      if (identifier === 'length' && (typeof value === 'string' || Array.isArray(value))) {
        value = value.length;
      } else if (
        typeof value === 'object' &&
        value !== null &&
        Object.prototype.hasOwnProperty.call(value, identifier)
      ) {
        value = (value as Record<string, unknown>)[identifier];
      } else {
        throw new Unhandled(`no value at ${keyPath}`);
      }
    }
  }
  if (typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value))) return value;
  throw new Unhandled(`index value at ${keyPath} is not a string or number`);
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

const isDataError = (err: unknown) => (err as { name?: unknown } | null)?.name === 'DataError';

/**
 * Reads the planned index range in batches, in one readonly transaction,
 * keeping the converted rows the matcher accepts. Stops early once `enough`
 * rows are kept (pass Infinity to read the whole range).
 */
function readRange(
  store: IdbStore,
  indexName: string,
  range: IdbKeyRangeInstance,
  KeyRange: IdbKeyRangeStatic,
  booleanIndexes: string[],
  matcher: QueryMatcher<Doc> | false,
  enough: number,
  chunkSize: number,
): Promise<Doc[]> {
  const index = store.index(indexName);
  const rows: Doc[] = [];
  // With a limit and index order = sort order, the first batch asks for just
  // what is needed (exactly that, when nothing is filtered out), then grows.
  let size = Math.min(chunkSize, enough);
  return new Promise<Doc[]>((resolve, reject) => {
    const fail = (err: unknown) => reject(err);
    const next = (currentRange: IdbKeyRangeInstance) => {
      const whole = size >= MAX_GETALL_COUNT;
      const request = whole ? index.getAll(currentRange) : index.getAll(currentRange, size);
      request.onerror = () => fail(request.error);
      request.onsuccess = () => {
        try {
          const batch = request.result;
          for (const raw of batch) {
            const doc = fromDexieToStorage<unknown>(booleanIndexes, raw);
            if (!matcher || matcher(doc)) rows.push(doc);
          }
          if (whole || batch.length < size || rows.length >= enough) {
            resolve(rows);
            return;
          }
          let after: IdbKeyRangeInstance;
          try {
            after = KeyRange.bound(
              indexKeyOf(batch[batch.length - 1], index.keyPath),
              currentRange.upper,
              true,
              currentRange.upperOpen,
            );
          } catch (err) {
            // The last row sat on the (inclusive) upper bound: nothing is left.
            if (isDataError(err)) {
              resolve(rows);
              return;
            }
            throw err;
          }
          size = Math.min(chunkSize, matcher ? size * 2 : enough - rows.length);
          next(after);
        } catch (err) {
          fail(err);
        }
      };
    };
    next(range);
  });
}

async function nativeQuery(
  instance: DexieInstance,
  preparedQuery: PreparedQuery<unknown>,
  chunkSize: number,
): Promise<RxStorageQueryResult<unknown>> {
  const state = await instance.internals;
  const dexieDb = state.dexieDb as unknown as DexieLike;
  const query = preparedQuery.query;
  const queryPlan = preparedQuery.queryPlan;
  const skip = query.skip ? query.skip : 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const skipPlusLimit = skip + limit;
  if (!isCount(skip) || !(limit === Infinity || isCount(limit))) throw new Unhandled('skip/limit');
  // RxDB names single-field indexes '[field]', which Dexie never creates: let RxDB fail its own way.
  if (queryPlan.index.length < 2) throw new Unhandled('single-field index');
  if (!dexieDb.isOpen()) throw new Unhandled('database closed');
  const KeyRange = (dexieDb._options.IDBKeyRange ?? (globalThis as { IDBKeyRange?: unknown }).IDBKeyRange) as
    IdbKeyRangeStatic | undefined;
  const nativeDb = dexieDb.backendDB() as IdbDatabase | null;
  if (!KeyRange || !nativeDb) throw new Unhandled('no native IndexedDB');

  const matcher = queryPlan.selectorSatisfiedByIndex ? false : getQueryMatcher(instance.schema, query);
  let keyRange: IdbKeyRangeInstance;
  try {
    keyRange = getKeyRangeByQueryPlan(state.booleanIndexes, queryPlan, KeyRange) as IdbKeyRangeInstance;
  } catch (err) {
    if (isDataError(err)) return { documents: [] };
    throw err;
  }
  const indexName = '[' + queryPlan.index.map((field) => dexieReplaceIfStartsWithPipe(field)).join('+') + ']';
  const store = nativeDb.transaction(DEXIE_DOCS_TABLE_NAME, 'readonly').objectStore(DEXIE_DOCS_TABLE_NAME);
  if (!store.indexNames.contains(indexName)) throw new Unhandled(`no index ${indexName}`);
  // slice(skip, skip + 0) is empty whatever is read (and getAll(range, 0) would mean "all").
  if (limit === 0) return { documents: [] };

  let rows = await readRange(
    store,
    indexName,
    keyRange,
    KeyRange,
    state.booleanIndexes,
    matcher,
    queryPlan.sortSatisfiedByIndex ? skipPlusLimit : Infinity,
    chunkSize,
  );
  if (!queryPlan.sortSatisfiedByIndex) rows = rows.sort(getSortComparator(instance.schema, query));
  return { documents: rows.slice(skip, skipPlusLimit) };
}

/** Gives one Dexie storage instance the batched `query()` (and slow `count()`). */
function patchInstance(instance: DexieInstance, collection: string, options: IndexQueryOptions): void {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!(chunkSize === Infinity || (Number.isSafeInteger(chunkSize) && chunkSize > 0))) {
    throw new Error(`chunkSize must be a positive integer or Infinity, got ${chunkSize}`);
  }
  const originalQuery = instance.query.bind(instance);
  const originalCount = instance.count.bind(instance);

  const query = (preparedQuery: PreparedQuery<unknown>): Promise<RxStorageQueryResult<unknown>> => {
    // RxDB throws synchronously on a closed instance: keep that.
    if (instance.closed) return originalQuery(preparedQuery);
    return nativeQuery(instance, preparedQuery, chunkSize).then(
      (result) => {
        options.onQuery?.('native', collection);
        return result;
      },
      (err: unknown) => {
        if (!(err instanceof Unhandled)) throw err;
        options.onQuery?.('fallback', collection);
        return originalQuery(preparedQuery);
      },
    );
  };
  instance.query = query;
  // As RxDB's count(): an index count when the index alone answers the selector, else the query's length.
  instance.count = async (preparedQuery: PreparedQuery<unknown>): Promise<RxStorageCountResult> => {
    if (preparedQuery.queryPlan.selectorSatisfiedByIndex) return originalCount(preparedQuery);
    const result = await query(preparedQuery);
    return { count: result.documents.length, mode: 'slow' };
  };
}

/**
 * Wraps RxDB's Dexie storage so that every storage instance it creates reads
 * query results with `IDBIndex.getAll()` instead of a row-by-row cursor.
 * Returns the storage unchanged on an RxDB major this was not written for.
 */
export function withNativeIndexQuery(storage: RxStorageDexie, options: IndexQueryOptions = {}): RxStorageDexie {
  if (!nativeIndexQueryEnabled) return storage;
  const wrapped: RxStorageDexie = Object.assign({}, storage, {
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, DexieSettings>) {
      const instance = await storage.createStorageInstance(params);
      patchInstance(instance as unknown as DexieInstance, params.collectionName, options);
      return instance;
    },
  });
  return wrapped;
}
