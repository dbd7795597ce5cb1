import { SYNC_WRITE_LOCK } from '../db/ddl';
import type { Queryable } from '../db/sql';

/**
 * Takes the lock that orders replicated writes (see ddl.ts). The row trigger
 * takes it anyway; taking it first thing means a transaction never waits for
 * it while holding row locks another writer needs, which could deadlock.
 * Every server transaction that writes entity tables starts with this.
 */
export async function takeSyncWriteLock(tx: Queryable, schema: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SYNC_WRITE_LOCK, schema]);
}
