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
 */

type Doc = Record<string, unknown>;

export class PendingTracker {
  private readonly pending = new Set<string>();
  private readonly subs: Subscription[] = [];
  private saving = Promise.resolve();
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
      if (!this.stopped) this.update(() => this.pending.add(data[primary] as string));
    };
    // Hooks cannot be removed from a collection; `stopped` turns these off.
    this.collection.postInsert(mark, false);
    this.collection.postSave(mark, false);
    this.collection.postRemove(mark, false);
    this.subs.push(
      replication.sent$.subscribe((sent: Doc) => void this.settle(sent)),
      // The server's echo can differ from what was sent (server-owned fields).
      replication.received$.subscribe((received: Doc) => void this.settle(received)),
      replication.conflict$.subscribe((conflict: unknown) => {
        const master = (conflict as { input?: { realMasterState?: Doc } }).input?.realMasterState;
        if (master) void this.settle(master);
      }),
    );
    this.onChange();
  }

  /** Clears a document once the local copy equals what the server now has. */
  private async settle(serverState: Doc): Promise<void> {
    const pk = serverState[this.collection.schema.primaryPath] as string;
    if (!this.pending.has(pk)) return;
    await this.db.requestIdlePromise();
    const [local] = await this.collection.storageInstance.findDocumentsById([pk], true);
    // Sent states are in wire form, local ones padded: compare both in wire form.
    if (!local || sameJson(toWireForm(local as Doc), toWireForm(serverState)))
      this.update(() => this.pending.delete(pk));
  }

  private update(change: () => unknown): void {
    const before = this.pending.size;
    change();
    if (this.pending.size === before) return;
    this.onChange();
    const pks = [...this.pending];
    this.saving = this.saving
      .then(() => this.db.upsertLocal(this.localId, { pks }))
      .then(
        () => undefined,
        () => undefined,
      );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const sub of this.subs) sub.unsubscribe();
    await this.saving;
  }
}
