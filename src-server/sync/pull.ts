import type { Kind } from '../../src-shared/domain/registry';
import type { KindAccess } from '../../src-shared/permissions/access';
import type { CollectionName } from '../../src-shared/storage/layout';
import type { Checkpoint, PullResponse } from '../../src-shared/sync/wire';
import { rowToStored, type StoredRow } from '../db/rows';
import type { Queryable, Sql } from '../db/sql';
import type { Principal } from '../auth/principal';
import { filterSql, Params } from './filter-sql';
import { accessibleKinds, revealedOf, selectWithReveal, toWire } from './visibility';

/**
 * The next batch of changes after `since`, in change-number order. A
 * collection holding several kinds reads each table up to `limit` rows and
 * merges them, so the batch is the first `limit` changes across all of them.
 *
 * All tables are read in one REPEATABLE READ snapshot. Under READ COMMITTED
 * each statement would see a later snapshot: the second table could show a
 * change numbered 105 committed after the first table was read without its
 * change 103, and the checkpoint would jump past 103 for good. A collection
 * of one kind needs no transaction: one statement is one snapshot, and the
 * three round trips saved count when every commit wakes hundreds of live
 * streams (stream.ts).
 */
export async function pullChanges(
  sql: Sql,
  principal: Principal,
  collection: CollectionName,
  since: number,
  limit: number,
): Promise<PullResponse & { rows: StoredRow[] }> {
  const kinds = accessibleKinds(principal, collection);
  const readKind = async (q: Queryable, access: KindAccess) => {
    const params = new Params([since, limit]);
    const select = selectWithReveal(access, principal, params);
    const where = filterSql(access.kind, access.pull, 'r', principal, params);
    const rows = await q.query(
      `${select} WHERE r._server_seq > $1 AND ${where} ORDER BY r._server_seq LIMIT $2`,
      params.values,
    );
    return rows.map((row) => ({ row: rowToStored(access.kind, row), access, revealed: revealedOf(access, row) }));
  };
  const batches =
    kinds.length === 1
      ? [await readKind(sql, kinds[0]!)]
      : await sql.transaction(async (tx) => {
          await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
          const out = [];
          for (const access of kinds) out.push(await readKind(tx, access));
          return out;
        });
  const merged = batches
    .flat()
    .sort((a, b) => a.row.seq - b.row.seq)
    .slice(0, limit);
  const last = merged.at(-1);
  const checkpoint: Checkpoint | null = last ? { seq: last.row.seq } : since > 0 ? { seq: since } : null;
  return {
    documents: merged.map(({ row, access, revealed }) => toWire(row, access, revealed)),
    checkpoint,
    rows: merged.map((m) => m.row),
  };
}

export function accessOfKind(kinds: KindAccess[], kind: Kind): KindAccess | undefined {
  return kinds.find((a) => a.kind === kind);
}
