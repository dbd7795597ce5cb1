import { SYNC_WRITE_LOCK } from '../db/ddl';
import type { Queryable } from '../db/sql';
import type { Params } from './filter-sql';

/**
 * Takes the lock that orders replicated writes (see ddl.ts). The row trigger
 * takes it anyway; taking it first thing means a transaction never waits for
 * it while holding row locks another writer needs, which could deadlock.
 * Every server transaction that writes entity tables starts with this.
 */
export async function takeSyncWriteLock(tx: Queryable, schema: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SYNC_WRITE_LOCK, schema]);
}

/**
 * The same lock as a condition to put in the WHERE clause of the
 * transaction's first statement, saving the round trip of its own
 * statement (a push holds the lock across its round trips, and every other
 * writer waits for them). An uncorrelated subquery is an InitPlan, which
 * PostgreSQL runs once before the statement reads any row, so the lock
 * still comes before any row lock the statement takes (FOR UPDATE).
 */
export function syncWriteLockCondition(params: Params, schema: string): string {
  const lock = `SELECT pg_advisory_xact_lock(${params.add(SYNC_WRITE_LOCK)}, hashtext(${params.add(schema)}))`;
  return `(SELECT count(*) FROM (${lock}) AS sync_write_lock) = 1`;
}
