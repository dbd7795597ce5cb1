import type { Subscription } from 'rxjs';
import type { RxCollection } from 'rxdb';

/** What the tracker needs of the database: idleness and local documents. */
interface TrackerDatabase {
  requestIdlePromise(): Promise<unknown>;
  getLocal(id: string): Promise<{ get(path: string): unknown } | null>;
  upsertLocal(id: string, data: { pks: string[] }): Promise<unknown>;
}
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { sameJson } from '@shared/sync/equality';
import { toWireForm } from './wire-form';

/*
 * Counts local changes the server has not accepted yet, per collection, for
 * the status bar. RxDB does not expose this, so it is tracked from events:
 * - a local write adds the document. Local writes are told apart by RxDB's
 *   collection hooks (post insert/save/remove), which run for writes made
 *   through the collection and document API only, never for the documents
 *   the replication writes;
 * - a push the server accepted, a pulled server version, or a conflict
 *   resolved to the server's version removes it once the local document
 *   equals that state.
 * The set is saved in a local document, so changes made offline before a
 * restart still count after it.
 *
 * Cost stays linear in the number of changes: a bulk write of 20,000
 * documents marks 20,000 of them and later settles 20,000 sent$ events.
 * Saving the whole set once per change rewrote (and RxDB deep-cloned) a list
 * of up to n ids n times, quadratic work that kept the database busy for
 * close to a minute after a large push. So saves are coalesced (one write in
 * flight, the next one takes whatever changed meanwhile) and settling is
 * batched (one idle wait and one lookup for every event that arrived
 * together).
 */

type Doc = Record<string, unknown>;

export class PendingTracker {
  private readonly pending = new Set<string>();
  private readonly subs: Subscription[] = [];
  /** Server states waiting to be compared with the local documents, by primary key. */
  private settling = new Map<string, Doc>();
  private settleRun?: Promise<void>;
  private saveRun?: Promise<void>;
  private unsaved = false;
  private stopped = false;

  constructor(
    private readonly db: TrackerDatabase,
    private readonly collection: RxCollection,
    private readonly onChange: () => void,
  ) {}

  get count(): number {
    return this.pending.size;
  }

  private get localId() {
    return `sync-pending-${this.collection.name}`;
  }

  async start(replication: RxReplicationState<Doc, unknown>): Promise<void> {
    const saved = await this.db.getLocal(this.localId);
    for (const pk of (saved?.get('pks') as string[] | undefined) ?? []) this.pending.add(pk);
    const primary = this.collection.schema.primaryPath as string;
    const mark = (data: Doc) => {
      if (this.stopped) return;
      const pk = data[primary] as string;
      if (this.pending.has(pk)) return;
      this.pending.add(pk);
      this.changed();
    };
    // Hooks cannot be removed from a collection; `stopped` turns these off.
    this.collection.postInsert(mark, false);
    this.collection.postSave(mark, false);
    this.collection.postRemove(mark, false);
    this.subs.push(
      replication.sent$.subscribe((sent: Doc) => this.settle(sent)),
      // The server's echo can differ from what was sent (server-owned fields).
      replication.received$.subscribe((received: Doc) => this.settle(received)),
      replication.conflict$.subscribe((conflict: unknown) => {
        const master = (conflict as { input?: { realMasterState?: Doc } }).input?.realMasterState;
        if (master) this.settle(master);
      }),
    );
    this.onChange();
  }

  /** Clears a document once the local copy equals what the server now has. */
  private settle(serverState: Doc): void {
    const pk = serverState[this.collection.schema.primaryPath] as string;
    if (!this.pending.has(pk)) return;
    // A later state of the same document replaces an earlier one: it is the one to compare with.
    this.settling.set(pk, serverState);
    this.settleRun ??= this.settleBatches().finally(() => (this.settleRun = undefined));
  }

  private async settleBatches(): Promise<void> {
    while (this.settling.size && !this.stopped) {
      await this.db.requestIdlePromise();
      const batch = this.settling;
      this.settling = new Map();
      const locals = await this.collection.storageInstance.findDocumentsById([...batch.keys()], true);
      const primary = this.collection.schema.primaryPath as string;
      const localById = new Map(locals.map((doc) => [(doc as Doc)[primary] as string, doc as Doc]));
      let cleared = false;
      for (const [pk, serverState] of batch) {
        const local = localById.get(pk);
        // Sent states are in wire form, local ones padded: compare both in wire form.
        if (!local || sameJson(toWireForm(local), toWireForm(serverState)))
          cleared = this.pending.delete(pk) || cleared;
      }
      if (cleared) this.changed();
    }
  }

  private changed(): void {
    this.onChange();
    this.unsaved = true;
    this.saveRun ??= this.save().finally(() => (this.saveRun = undefined));
  }

  /** Writes the set until it no longer changes; changes made during a write go into the next one. */
  private async save(): Promise<void> {
    // Let a burst of changes (one bulk write, one push response) land first.
    await Promise.resolve();
    while (this.unsaved) {
      this.unsaved = false;
      await this.db.upsertLocal(this.localId, { pks: [...this.pending] }).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const sub of this.subs) sub.unsubscribe();
    await this.settleRun;
    await this.saveRun;
  }
}
