import type { Observable, Subscription } from 'rxjs';
import { distinctUntilChanged, filter } from 'rxjs';

/*
 * When a database was last in sync with the server, kept in one of its local
 * documents, so the status bar can say "last synced 09:30" after a restart
 * that happens offline. Writes are coalesced: while one is in flight only the
 * newest value waits, so a busy exam (a settle after every answer) costs at
 * most one pending write.
 */

const KEY = 'sync-last-synced';

interface LocalStore {
  getLocal(id: string): Promise<{ get(path: string): unknown } | null>;
  upsertLocal(id: string, data: { at: string }): Promise<unknown>;
}

export async function loadLastSynced(db: LocalStore): Promise<string | null> {
  const at = (await db.getLocal(KEY).catch(() => null))?.get('at');
  return typeof at === 'string' ? at : null;
}

export class LastSyncedKeeper {
  private subscription?: Subscription;
  private writing: Promise<void> = Promise.resolve();
  private waiting: string | undefined;

  constructor(private readonly db: LocalStore) {}

  follow(lastSyncedAt$: Observable<string | null>): void {
    this.subscription = lastSyncedAt$
      .pipe(
        filter((at): at is string => at !== null),
        distinctUntilChanged(),
      )
      .subscribe((at) => this.save(at));
  }

  private save(at: string): void {
    const idle = this.waiting === undefined;
    this.waiting = at;
    if (idle) this.writing = this.writing.then(() => this.flush());
  }

  private async flush(): Promise<void> {
    const at = this.waiting;
    this.waiting = undefined;
    // A failed write only costs the status bar its "last synced" after a restart.
    if (at !== undefined) await this.db.upsertLocal(KEY, { at }).catch(() => undefined);
  }

  /** Stops following and waits for the last write. */
  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.writing;
  }
}
