import { kinds, type Kind } from '../../src-shared/domain/registry';
import { collectionFor, type CollectionName } from '../../src-shared/storage/layout';
import { CHANGE_CHANNEL } from '../db/ddl';
import type { Sql } from '../db/sql';
import { tableNames } from '../db/table-spec';

/*
 * Turns the tables' commit notifications (NOTIFY, sent by a statement
 * trigger and delivered only after commit) into "collection X changed"
 * signals. Because the database sends them, writes by any process reach the
 * live streams of every server process on the same database.
 */

const kindOfTable = new Map<string, Kind>(kinds.map((kind) => [tableNames[kind], kind]));

export type ChangeListener = (collection: CollectionName) => void;
export type KindListener = (kind: Kind) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private readonly kindListeners = new Map<KindListener, ReadonlySet<Kind>>();
  private unlisten?: () => Promise<void>;

  constructor(private readonly sql: Sql) {}

  async start(): Promise<void> {
    this.unlisten = await this.sql.listen(CHANGE_CHANNEL, (payload) => this.onNotify(payload));
  }

  private onNotify(payload: string): void {
    const dot = payload.indexOf('.');
    // Other schemas on the same database (parallel test files) are not ours.
    if (payload.slice(0, dot) !== this.sql.schema) return;
    const kind = kindOfTable.get(payload.slice(dot + 1));
    if (!kind) return;
    for (const [listener, wanted] of this.kindListeners) if (wanted.has(kind)) listener(kind);
    const collection = collectionFor(kind);
    if (!collection) return;
    for (const listener of this.listeners) listener(collection);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Signals changes of particular tables, also of those no client replicates
   * (`refresh_token`): the live streams re-check their sign-ins when `user`
   * or `refresh_token` rows change (stream.ts).
   */
  subscribeKinds(kinds: readonly Kind[], listener: KindListener): () => void {
    this.kindListeners.set(listener, new Set(kinds));
    return () => this.kindListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    this.kindListeners.clear();
    await this.unlisten?.();
  }
}
