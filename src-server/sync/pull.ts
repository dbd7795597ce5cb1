import { entities, type Kind } from '../../src-shared/domain/registry';
import { collectionAccess, stripHidden, type KindAccess } from '../../src-shared/permissions/access';
import type { CollectionName } from '../../src-shared/storage/layout';
import type { Checkpoint, PullResponse, WireDoc } from '../../src-shared/sync/wire';
import { quoteIdent } from '../db/ddl';
import { selectFrom, rowToStored, tableOf, type StoredRow } from '../db/rows';
import type { Queryable, Row, Sql } from '../db/sql';
import type { Principal } from '../auth/principal';
import { HttpError } from '../http/errors';
import { filterSql, Params, type Binding } from './filter-sql';

/** A stored row as this role may see it on the wire; `revealed` answers the access's withhold rules. */
export function toWire(row: StoredRow, access: KindAccess, revealed?: readonly boolean[]): WireDoc {
  const entity = entities[row.kind];
  return {
    ...stripHidden(row.doc, access, revealed),
    pk: row.doc[entity.idField] as string,
    kind: row.kind,
    _deleted: row.deleted,
  };
}

/** Select items evaluating each withhold rule of `access` on the row `r`, as `_reveal_<i>`. */
function revealItems(access: KindAccess, principal: Binding, params: Params): string {
  return access.withheld
    .map((w, i) => `, ${filterSql(access.kind, w.until, 'r', principal, params)} AS "_reveal_${i}"`)
    .join('');
}

export const revealedOf = (access: KindAccess, row: Row) => access.withheld.map((_, i) => row[`_reveal_${i}`] === true);

/** `selectFrom(kind)` plus the withhold answers, so a row and its visibility come from one snapshot. */
export function selectWithReveal(access: KindAccess, principal: Binding, params: Params): string {
  const select = selectFrom(access.kind);
  const from = select.indexOf(' FROM ');
  return `${select.slice(0, from)}${revealItems(access, principal, params)}${select.slice(from)}`;
}

/** The withhold answers for some stored rows, read in the caller's transaction. */
export async function revealedRows(
  tx: Queryable,
  access: KindAccess,
  principal: Principal,
  ids: readonly string[],
): Promise<Map<string, boolean[]>> {
  const out = new Map<string, boolean[]>();
  if (!access.withheld.length || !ids.length) return out;
  const table = tableOf(access.kind);
  const params = new Params([ids]);
  const rows = await tx.query(
    `${selectWithReveal(access, principal, params)} WHERE r.${quoteIdent(table.primaryKey)} = ANY($1::text[])`,
    params.values,
  );
  for (const row of rows) out.set(String(row[table.primaryKey]), revealedOf(access, row));
  return out;
}

export function accessibleKinds(principal: Principal, collection: CollectionName): KindAccess[] {
  const access = collectionAccess(principal.role, collection);
  if (!access.length) throw new HttpError(403, `Role ${principal.role} may not replicate ${collection}`);
  return access;
}

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
