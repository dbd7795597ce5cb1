import Dexie, { type DexieOptions, type EntityTable } from 'dexie';
import { getBridge } from '@shared/ipc/bridge';
import { DEFAULT_SNAPSHOT_CAP_BYTES, snapshotsToEvict } from '@shared/proctoring/snapshot-cap';
import { generateStationKey, open, seal, secureStoreKey, sha256Hex } from './crypto';

/*
 * The station's snapshot store: a small Dexie database of its own, outside
 * RxDB (whose collections are limited and replicate; snapshots do neither).
 * One row per event, keyed by event_id, holding the JPEG encrypted under the
 * station key (crypto.ts). Rows outlive sign-outs and users: they belong to
 * the station until uploaded and, if unflagged, until the cap needs room.
 * The same database keeps the station key (browser build) and the journal of
 * open events (events/journal.ts).
 */

export interface SnapshotRow {
  eventId: string;
  sessionId: string;
  /** SHA-256 of the plain JPEG: its name on the server. */
  sha256: string;
  size: number;
  /** 1 when the event calls for review (never evicted); numbers, because IndexedDB cannot index booleans. */
  flagged: 0 | 1;
  uploaded: 0 | 1;
  /** Epoch ms. */
  createdAt: number;
}

/** The ciphertext, apart from its row so that the cap and the upload queue never read image bytes. */
export interface SealedRow {
  eventId: string;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export interface JournalRow {
  eventId: string;
  sessionId: string;
  /** The open event, as session-proctor.ts will write it when it ends. */
  entry: Record<string, unknown>;
  /** Epoch ms the event was last known to be still open. */
  lastSeenAt: number;
}

interface KeyRow {
  id: 'station';
  key: CryptoKey;
}

export class SnapshotDatabase extends Dexie {
  snapshots!: EntityTable<SnapshotRow, 'eventId'>;
  sealed!: EntityTable<SealedRow, 'eventId'>;
  journal!: EntityTable<JournalRow, 'eventId'>;
  keys!: EntityTable<KeyRow, 'id'>;

  constructor(name = 'assist-ten-snapshots', options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      snapshots: 'eventId, sessionId, createdAt, uploaded',
      sealed: 'eventId',
      journal: 'eventId, sessionId',
      keys: 'id',
    });
  }
}

export interface SnapshotStoreOptions {
  name?: string;
  /** Dexie's options (tests pass fake-indexeddb here). */
  dexie?: DexieOptions;
  capBytes?: number;
  /** The station key; by default from Electron's secure store, else kept in this database. */
  key?: () => Promise<CryptoKey>;
  now?: () => number;
}

type Listener = () => void;

export class SnapshotStore {
  readonly db: SnapshotDatabase;
  private readonly capBytes: number;
  private readonly now: () => number;
  private keyPromise: Promise<CryptoKey> | undefined;
  private readonly keySource: () => Promise<CryptoKey>;
  private readonly listeners = new Set<Listener>();

  constructor(options: SnapshotStoreOptions = {}) {
    this.db = new SnapshotDatabase(options.name, options.dexie);
    this.capBytes = options.capBytes ?? DEFAULT_SNAPSHOT_CAP_BYTES;
    this.now = options.now ?? Date.now;
    this.keySource = options.key ?? (() => this.defaultKey());
  }

  private key(): Promise<CryptoKey> {
    this.keyPromise ??= this.keySource().catch((error: unknown) => {
      this.keyPromise = undefined;
      throw error;
    });
    return this.keyPromise;
  }

  private async defaultKey(): Promise<CryptoKey> {
    const bridge = getBridge();
    if (bridge) return secureStoreKey(bridge);
    return this.db.transaction('rw', this.db.keys, async () => {
      const kept = await this.db.keys.get('station');
      if (kept) return kept.key;
      const key = await generateStationKey();
      await this.db.keys.put({ id: 'station', key });
      return key;
    });
  }

  /** Encrypts and keeps a snapshot for an event; returns its digest. Applies the cap afterwards. */
  async save(
    input: { eventId: string; sessionId: string; flagged?: boolean },
    jpeg: Blob,
  ): Promise<{ sha256: string; size: number }> {
    const plain = await jpeg.arrayBuffer();
    const [sha256, key] = await Promise.all([sha256Hex(plain), this.key()]);
    const sealed = await seal(key, plain, input.eventId);
    await this.db.transaction('rw', this.db.snapshots, this.db.sealed, async () => {
      await this.db.snapshots.put({
        eventId: input.eventId,
        sessionId: input.sessionId,
        sha256,
        size: plain.byteLength,
        flagged: input.flagged ? 1 : 0,
        uploaded: 0,
        createdAt: this.now(),
      });
      await this.db.sealed.put({ eventId: input.eventId, ...sealed });
    });
    await this.applyCap();
    this.notify();
    return { sha256, size: plain.byteLength };
  }

  async setFlagged(eventId: string, flagged: boolean): Promise<void> {
    await this.db.snapshots.update(eventId, { flagged: flagged ? 1 : 0 });
  }

  /** The decrypted JPEG for an event, if this station still has it. */
  async read(eventId: string): Promise<{ jpeg: Blob; sha256: string; sessionId: string } | undefined> {
    const [row, sealed] = await Promise.all([this.db.snapshots.get(eventId), this.db.sealed.get(eventId)]);
    if (!row || !sealed) return undefined;
    const plain = await open(await this.key(), sealed, eventId);
    return { jpeg: new Blob([plain], { type: 'image/jpeg' }), sha256: row.sha256, sessionId: row.sessionId };
  }

  /** Snapshots not yet on the server, oldest first. */
  async pendingUploads(limit = 20): Promise<SnapshotRow[]> {
    return this.db.snapshots
      .where('uploaded')
      .equals(0)
      .sortBy('createdAt')
      .then((rows) => rows.slice(0, limit));
  }

  async markUploaded(eventId: string): Promise<void> {
    await this.db.snapshots.update(eventId, { uploaded: 1 });
  }

  async totalBytes(): Promise<number> {
    let total = 0;
    await this.db.snapshots.each((row) => (total += row.size));
    return total;
  }

  /** Removes the oldest unflagged snapshots while over the cap (src-shared/proctoring/snapshot-cap.ts). */
  async applyCap(): Promise<string[]> {
    return this.db.transaction('rw', this.db.snapshots, this.db.sealed, async () => {
      const rows = await this.db.snapshots.toArray();
      const evict = snapshotsToEvict(
        rows.map((row) => ({ id: row.eventId, size: row.size, flagged: row.flagged === 1, createdAt: row.createdAt })),
        this.capBytes,
      );
      if (evict.length) {
        await this.db.snapshots.bulkDelete(evict);
        await this.db.sealed.bulkDelete(evict);
      }
      return evict;
    });
  }

  /** Called whenever a snapshot is saved (the uploader listens). */
  onSaved(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify() {
    for (const listener of this.listeners) listener();
  }

  close(): void {
    this.db.close();
  }
}

let shared: SnapshotStore | undefined;

/** The station's store, one per window. */
export function snapshotStore(): SnapshotStore {
  shared ??= new SnapshotStore();
  return shared;
}
