import { snapshotUrl, SNAPSHOT_CONTENT_TYPE } from '@shared/proctoring/snapshot-url';
import type { AppDatabase } from '../../db/database';
import type { SyncClientLike, StartSync } from '../../sync/sync-controller';
import { SyncHttpError, SyncTransport, type TokenSource } from '../../sync/transport';
import { snapshotStore, type SnapshotStore } from './store';

/*
 * Sends the station's snapshots to the server's blob store while a sync
 * client runs (so: signed in, online, with the user's session). Uploads are
 * idempotent: a snapshot's name is its SHA-256, the server keeps one copy
 * per digest, and a retry or a second station sending the same bytes changes
 * nothing. An event's snapshot_url was set from that digest when it was
 * written, so nothing else needs to change after an upload.
 *
 * A refusal that later writes may cure (the session has not reached the
 * server yet: 403/404) leaves the snapshot queued for the next round; a
 * refusal that never will (400/413/415) marks it done so it is not retried
 * forever, with the reason logged.
 */

const RETRY_MS = 30_000;
const RETRYABLE = new Set([401, 403, 404, 408, 409, 429]);

/** The server a database's window talks to, for loadSnapshot. */
const links = new WeakMap<AppDatabase, SyncTransport>();

export function transportFor(db: AppDatabase): SyncTransport | undefined {
  return links.get(db);
}

export class SnapshotUploader {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private online = true;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly transport: SyncTransport,
    private readonly store: SnapshotStore = snapshotStore(),
    private readonly log: (message: string, error?: unknown) => void = (m, e) => console.warn(m, e),
  ) {
    this.unsubscribe = store.onSaved(() => this.kick());
  }

  setOnline(online: boolean): void {
    this.online = online;
    if (online) this.kick();
  }

  /** Uploads what is pending now; resolves when this round (and any round asked for meanwhile) is over. */
  kick(): Promise<void> {
    if (this.stopped || !this.online) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.round();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    clearTimeout(this.timer);
    let retryLater = false;
    for (const row of await this.store.pendingUploads()) {
      if (this.stopped || !this.online) return;
      const snapshot = await this.store.read(row.eventId);
      if (!snapshot) continue;
      try {
        await this.transport.send(`${snapshotUrl(row.sha256)}?session_id=${encodeURIComponent(row.sessionId)}`, {
          method: 'PUT',
          headers: { 'content-type': SNAPSHOT_CONTENT_TYPE },
          body: snapshot.jpeg,
        });
        await this.store.markUploaded(row.eventId);
      } catch (error) {
        if (error instanceof SyncHttpError && !RETRYABLE.has(error.status)) {
          this.log(`Snapshot of event ${row.eventId} refused by the server; not retried`, error);
          await this.store.markUploaded(row.eventId);
        } else {
          retryLater = true;
          // Offline or the server is down: the rest would fail the same way.
          if (!(error instanceof SyncHttpError)) break;
        }
      }
    }
    if (retryLater && !this.stopped) this.timer = setTimeout(() => void this.kick(), RETRY_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.unsubscribe();
    await this.running;
  }
}

/**
 * Wraps the sync controller's `start` so that snapshots upload while a sync
 * client runs, and loadSnapshot knows the server of each open database:
 *   new SyncController({ start: withSnapshotUploads((o) => startSync(o)), ... })
 */
export function withSnapshotUploads(start: StartSync): StartSync {
  return async (options) => {
    const client = await start(options);
    const transport = new SyncTransport(options.baseUrl, options.session as TokenSource);
    const uploader = new SnapshotUploader(transport);
    links.set(options.db, transport);
    uploader.setOnline(options.networkAvailable ?? true);
    const wrapped: SyncClientLike = {
      subscribe: (listener) => client.subscribe(listener),
      setNetworkAvailable: (online) => {
        client.setNetworkAvailable(online);
        uploader.setOnline(online);
      },
      stop: async () => {
        if (links.get(options.db) === transport) links.delete(options.db);
        await uploader.stop();
        await client.stop();
      },
    };
    return wrapped;
  };
}
