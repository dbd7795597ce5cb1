import { BehaviorSubject, combineLatest, concatMap, map, type Observable, type Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { PrincipalRole } from '@shared/permissions/principal';
import { collectionsForRole } from '@shared/permissions/access';
import { isCollectionName, type CollectionName } from '@shared/storage/layout';
import { RESYNC, type Checkpoint, type PushRow, type WireDoc } from '@shared/sync/wire';
import type { AppDatabase } from '../db/database';
import { backoffDelay, sleep, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { LastSyncedKeeper, loadLastSynced } from './last-synced';
import { LiveStream } from './live-stream';
import { PendingTracker } from './pending-tracker';
import { fromWireForm, toWireForm } from './wire-form';
import { applyWithdrawals } from './withdrawals';
import { SyncHttpError, SyncNetworkError, SyncTransport, type FetchLike, type TokenSource } from './transport';

/*
 * Keeps a window's RxDB collections in sync with the central server, using
 * RxDB's own replication (replicateRxCollection) per collection, fed by one
 * multiplexed live stream. The status it exposes has the shape of the
 * status bar's store (state/sync-store.ts), so wiring it is one line:
 *   client.subscribe((status) => useSyncStore.getState().report(status));
 */

export interface SyncStatus {
  online: boolean;
  syncing: boolean;
  /** Local changes not yet accepted by the server. */
  pendingPush: number;
  /** ISO time when everything was last in sync with the server, or null. */
  lastSyncedAt: string | null;
  /** The last failure worth showing (refused push, signed out), cleared by the next success. */
  error: string | null;
}

export interface SyncOptions {
  db: AppDatabase;
  baseUrl: string;
  session: TokenSource;
  /** The user's role, or `station` for an exam station. */
  role: PrincipalRole;
  fetch?: FetchLike;
  /** Documents per pull request (the server allows up to MAX_PULL_LIMIT); default PULL_BATCH. */
  pullBatchSize?: number;
  /** Documents per push request (the server allows up to MAX_PUSH_ROWS); default PUSH_BATCH. */
  pushBatchSize?: number;
  backoff?: BackoffOptions;
  /** RxDB's pause between retries of a failed handler. */
  retryTimeMs?: number;
  now?: () => Date;
  /** Whether the window has a network at start (navigator.onLine); later changes go to setNetworkAvailable. */
  networkAvailable?: boolean;
}

export interface SyncClient {
  readonly status$: Observable<SyncStatus>;
  getStatus(): SyncStatus;
  /** Zustand-friendly subscription; returns the unsubscribe function. */
  subscribe(listener: (status: SyncStatus) => void): () => void;
  readonly replications: ReadonlyMap<CollectionName, RxReplicationState<WireDoc, Checkpoint>>;
  /** Resolves when every collection has pushed and pulled everything (use in tests and before sign-out). */
  awaitInSync(): Promise<void>;
  /** Feeds the browser's online/offline events: offline drops the live connection, online reconnects at once. */
  setNetworkAvailable(available: boolean): void;
  stop(): Promise<void>;
}

/*
 * Batch sizes, from `npm run bench` (test/bench/suites/sync.ts) on PostgreSQL:
 * - Pull: the client's storage write per batch, not the server, sets the
 *   pace of an initial sync (the server spends ~40 ms of CPU on 2,000 answers).
 *   Every batch costs a storage transaction plus index maintenance that grows
 *   with the collection (RxDB's memory storage re-merges each index, O(n) a
 *   batch), so 50,000 answers took ~3.7 s of client CPU at 1,000 a batch,
 *   ~2.8 s at 2,000 and ~2.4 s at 5,000. 2,000 (the server's maximum) is
 *   where the gain flattens while a response stays ~0.75 MB (~90 kB gzipped).
 * - Push: one request and one server transaction per batch, and every
 *   transaction queues on the server's write lock; at 50 a batch 20,000
 *   answers made 400 of them. 250 cuts that to 80 while one batch still
 *   commits in tens of milliseconds, so a kiosk write queued behind a bulk
 *   push does not wait long. A single local write is still pushed alone, at
 *   once (RxDB does not wait to fill a batch).
 * - Collections holding long free text (CV and job-description text up to
 *   200,000 characters, interview notes up to 50,000 a field) use small
 *   batches, so a batch stays within the server's 32 MB push body limit
 *   and a pull response within tens of megabytes even at the maxima.
 */
const LARGE_DOCUMENTS: ReadonlySet<CollectionName> = new Set(['candidates', 'question_bank', 'interviews']);
export const PULL_BATCH = { default: 2000, large: 100 } as const;
export const PUSH_BATCH = { default: 250, large: 25 } as const;

const batchFor = (name: CollectionName, sizes: { default: number; large: number }) =>
  LARGE_DOCUMENTS.has(name) ? sizes.large : sizes.default;

function describe(error: unknown): string {
  if (error instanceof SyncHttpError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export async function startSync(options: SyncOptions): Promise<SyncClient> {
  const { db, session } = options;
  const now = options.now ?? (() => new Date());
  const transport = new SyncTransport(options.baseUrl, session, options.fetch);
  const allowed = new Set(collectionsForRole(options.role));
  const names = Object.keys(db.collections).filter((n): n is CollectionName => isCollectionName(n) && allowed.has(n));

  const status = new BehaviorSubject<SyncStatus>({
    online: false,
    syncing: false,
    pendingPush: 0,
    lastSyncedAt: await loadLastSynced(db),
    error: null,
  });
  const lastSynced = new LastSyncedKeeper(db);
  lastSynced.follow(status.pipe(map((s) => s.lastSyncedAt)));
  const patch = (change: Partial<SyncStatus>) => {
    const next = { ...status.value, ...change };
    if (Object.entries(change).some(([k, v]) => status.value[k as keyof SyncStatus] !== v)) status.next(next);
  };

  const stream = new LiveStream(transport, names, {
    backoff: options.backoff,
    onUnauthorized: () => patch({ error: 'Signed out by the server: sign in again to sync' }),
  });

  // Permanent refusals (400, 403) would otherwise be retried every retryTime forever.
  const failures = new Map<CollectionName, number>();
  async function guarded<T>(name: CollectionName, work: () => Promise<T>): Promise<T> {
    await stream.whenOnline();
    try {
      const result = await work();
      failures.delete(name);
      return result;
    } catch (error) {
      if (!(error instanceof SyncNetworkError)) {
        patch({ error: `${name}: ${describe(error)}` });
        const count = failures.get(name) ?? 0;
        failures.set(name, count + 1);
        await sleep(backoffDelay(count, options.backoff ?? DEFAULT_BACKOFF));
      }
      throw error;
    }
  }

  const replications = new Map<CollectionName, RxReplicationState<WireDoc, Checkpoint>>();
  const trackers: PendingTracker[] = [];
  const updatePending = () => patch({ pendingPush: trackers.reduce((n, t) => n + t.count, 0) });

  for (const name of names) {
    const collection = db.collections[name] as unknown as RxCollection<WireDoc>;
    const replicationIdentifier = `assist-ten-sync:${options.baseUrl}:${name}`;
    const replication = replicateRxCollection<WireDoc, Checkpoint>({
      collection,
      replicationIdentifier,
      live: true,
      retryTime: options.retryTimeMs ?? 2000,
      // One window per database (multiInstance is off), and exam stations
      // must keep syncing while hidden.
      waitForLeadership: false,
      toggleOnDocumentVisible: false,
      autoStart: false,
      pull: {
        batchSize: options.pullBatchSize ?? batchFor(name, PULL_BATCH),
        stream$: stream
          .stream$(name)
          .pipe(
            concatMap(async (item) =>
              item === RESYNC
                ? item
                : { ...item, documents: await applyWithdrawals(collection as unknown as RxCollection, item.documents) },
            ),
          ),
        modifier: (doc: WireDoc) => fromWireForm(doc),
        handler: (checkpoint, batchSize) =>
          guarded(name, async () => {
            const res = await transport.pull(name, checkpoint ?? undefined, batchSize);
            const documents = await applyWithdrawals(collection as unknown as RxCollection, res.documents);
            return { documents, checkpoint: res.checkpoint ?? checkpoint ?? undefined };
          }),
      },
      push: {
        batchSize: options.pushBatchSize ?? batchFor(name, PUSH_BATCH),
        // Applied by RxDB to both the new and the assumed master state.
        modifier: (doc: WireDoc) => toWireForm(doc),
        // Conflicts skip the pull modifier: pad them here.
        handler: (rows) =>
          guarded(name, async () => (await transport.push(name, rows as unknown as PushRow[])).map(fromWireForm)),
      },
    });
    replications.set(name, replication);
    const tracker = new PendingTracker(db, collection as unknown as RxCollection, updatePending);
    await tracker.start(replication as unknown as RxReplicationState<Record<string, unknown>, unknown>);
    trackers.push(tracker);
  }

  const subs: Subscription[] = [];
  const actives = [...replications.values()].map((r) => r.active$);
  subs.push(
    combineLatest([stream.online$, ...actives]).subscribe(([online, ...active]) => {
      const syncing = online && active.some(Boolean);
      const settled = online && !syncing;
      patch({ online, syncing, ...(settled ? { lastSyncedAt: now().toISOString() } : {}) });
    }),
  );
  for (const replication of replications.values()) {
    subs.push(replication.received$.subscribe(() => patch({ error: null })));
  }

  if (options.networkAvailable === false) stream.setNetworkAvailable(false);
  stream.start();
  await Promise.all([...replications.values()].map((r) => r.start()));

  return {
    status$: status.asObservable(),
    getStatus: () => status.value,
    subscribe(listener) {
      const sub = status.subscribe(listener);
      return () => sub.unsubscribe();
    },
    replications,
    async awaitInSync() {
      await Promise.all([...replications.values()].map((r) => r.awaitInSync()));
    },
    setNetworkAvailable: (available) => stream.setNetworkAvailable(available),
    async stop() {
      for (const sub of subs) sub.unsubscribe();
      await Promise.all([...replications.values()].map((r) => r.cancel()));
      await stream.stop();
      await Promise.all(trackers.map((t) => t.stop()));
      await lastSynced.stop();
      status.complete();
    },
  };
}
