import type { CollectionName } from '../../src-shared/storage/layout';
import type { PullResponse } from '../../src-shared/sync/wire';
import type { Sql } from '../db/sql';
import type { Principal } from '../auth/principal';
import { pullForStreams } from './stream-pull';
import { accessibleKinds } from './visibility';

/**
 * The next batch of changes after `since`, in change-number order: the rows
 * changed after it, and the rows a scope change (scope/worker.ts) brought
 * into or took out of the principal's scope after it, a withdrawal for the
 * latter. A collection holding several kinds reads each table up to `limit`
 * rows and merges them, so the batch is the first `limit` changes across
 * all of them.
 *
 * It is the live streams' query for one stream (stream-pull.ts): all tables
 * are read in one REPEATABLE READ snapshot, each table in one statement.
 * Under READ COMMITTED each statement would see a later snapshot: the
 * second table could show a change numbered 105 committed after the first
 * table was read without its change 103, and the checkpoint would jump past
 * 103 for good.
 */
export async function pullChanges(
  sql: Sql,
  principal: Principal,
  collection: CollectionName,
  since: number,
  limit: number,
): Promise<PullResponse> {
  accessibleKinds(principal, collection); // refuses a collection the role may not replicate
  const [batch] = await pullForStreams(sql, principal.role, collection, [{ principal, since }], limit);
  const { documents, checkpoint } = batch!;
  return { documents, checkpoint: checkpoint ?? (since > 0 ? { seq: since } : null) };
}
