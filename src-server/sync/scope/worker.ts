import { CHANGE_CHANNEL, SCOPE_WORKER_LOCK } from '../../db/ddl';
import type { Queryable, Sql } from '../../db/sql';
import { isPgError, SERIALIZATION_FAILURE } from '../../db/sql';
import { tableNames } from '../../db/table-spec';
import type { ChangeFeed } from '../change-feed';
import { takeSyncWriteLock } from '../write-lock';
import { candidateRows, changedScopes, toBatch, type ScopeEntry } from './diff';
import { scopedAccesses, watches } from './watch';

/*
 * Turns recorded writes (scope_dirty) into scope entries (scope_change): for
 * one principal, "look at row pk of this kind again". A pull or live stream
 * answers an entry with the row if the principal may see it now, or with a
 * withdrawal (stream-pull.ts); so an entry says nothing the pull would not.
 *
 * Every server process runs a worker; one works at a time (an advisory
 * lock; the others retry shortly, so none is needed for progress). It reads
 * the batch and the tables in one REPEATABLE READ snapshot, so the world
 * "after" is exactly the batch's. Its entries take change numbers under the
 * sync write lock like any write, so they follow commit order and no
 * checkpoint can pass one unseen. It then signals the tables whose
 * collections got entries, which wakes the live streams of every process.
 */

const BATCH = 2000;
/** The permission table does not change while the process runs: resolved once, not per batch. */
const SCOPED = scopedAccesses();
const BUSY_RETRY_MS = 100;
/** Catches up if a signal was lost (the database connection that listens was re-established). */
const SWEEP_MS = 5000;

type Outcome = 'idle' | 'more' | 'busy';

export class ScopeWorker {
  private wanted = false;
  private running?: Promise<void>;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;
  private stopped = false;

  constructor(
    private readonly sql: Sql,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  start(feed: ChangeFeed): void {
    this.unsubscribe = feed.subscribeKinds([...watches().keys()], () => this.wake());
    this.timers.push(setInterval(() => this.wake(), SWEEP_MS));
    this.wake();
  }

  wake(): void {
    if (this.stopped) return;
    this.wanted = true;
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      let outcome: Outcome;
      try {
        outcome = await this.sql.transaction((tx) => this.processBatch(tx));
      } catch (error) {
        // Another process's worker deleted the same rows between our snapshot and our lock: read again.
        if (!isPgError(error, SERIALIZATION_FAILURE)) this.log.warn({ err: error }, 'scope worker failed; retrying');
        outcome = 'busy';
      }
      if (outcome === 'more') this.wanted = true;
      if (outcome === 'busy') {
        await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
        this.wanted = true;
      }
    }
  }

  private async processBatch(tx: Queryable): Promise<Outcome> {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok', [
      SCOPE_WORKER_LOCK,
      this.sql.schema,
    ]);
    if (!lock!.ok) return 'busy';
    const dirty = await tx.query<{ id: unknown; tbl: string; pk: string; old_img: unknown }>(
      'SELECT id, tbl, pk, old_img FROM scope_dirty ORDER BY id LIMIT $1',
      [BATCH],
    );
    if (!dirty.length) return 'idle';
    const batch = toBatch(dirty);
    const entries = new Map<string, ScopeEntry>();
    for (const { role, access } of SCOPED) {
      const rows = await candidateRows(tx, access, batch);
      if (!rows.length) continue;
      for (const entry of await changedScopes(tx, role, access, rows, batch))
        entries.set(`${entry.principalKey}\u0000${entry.kind}\u0000${entry.pk}`, entry);
    }
    await takeSyncWriteLock(tx, this.sql.schema);
    if (entries.size) {
      const list = [...entries.values()];
      await tx.query(
        `INSERT INTO scope_change (seq, principal_key, kind, pk)
         SELECT nextval('sync_server_seq'), e.k, e.kd, e.p FROM unnest($1::text[], $2::text[], $3::text[]) AS e(k, kd, p)`,
        [list.map((e) => e.principalKey), list.map((e) => e.kind), list.map((e) => e.pk)],
      );
      const changed = new Set(list.map((e) => e.kind));
      for (const kind of changed)
        await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, `${this.sql.schema}.${tableNames[kind]}`]);
    }
    await tx.query('DELETE FROM scope_dirty WHERE id = ANY($1::bigint[])', [batch.ids]);
    return dirty.length === BATCH ? 'more' : 'idle';
  }

  /** Stops waking, and waits for a batch in flight (its transaction commits or rolls back whole). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    for (const timer of this.timers) clearInterval(timer);
    await this.running;
  }
}
