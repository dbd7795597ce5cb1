import { entities } from '../../src-shared/domain/registry';
import { collectionAccess, stripHidden, type KindAccess } from '../../src-shared/permissions/access';
import type { CollectionName } from '../../src-shared/storage/layout';
import type { WireDoc } from '../../src-shared/sync/wire';
import type { Principal } from '../auth/principal';
import { quoteIdent } from '../db/ddl';
import { selectFrom, tableOf, type StoredRow } from '../db/rows';
import type { Queryable, Row } from '../db/sql';
import { HttpError } from '../http/errors';
import { filterSql, Params, type Binding } from './filter-sql';

/*
 * What a principal may see of a stored row, decided in the SQL that reads it:
 * whether the row is in its pull scope, which withheld fields it reveals, and
 * the row on the wire without the fields the role may not see. The pull, the
 * live stream and the write pipeline's conflict replies all answer through
 * here, so a row never leaves the server by one path that another would hide.
 */

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

export interface Visibility {
  /** The row is in the principal's pull scope. */
  pullable: boolean;
  /** The answers to the access's withhold rules. */
  revealed: boolean[];
}

/** Whether each of some stored rows may reach the principal, and what of it; read in the caller's transaction. */
export async function visibleRows(
  tx: Queryable,
  access: KindAccess,
  principal: Principal,
  ids: readonly string[],
): Promise<Map<string, Visibility>> {
  const out = new Map<string, Visibility>();
  if (!ids.length) return out;
  const table = tableOf(access.kind);
  const params = new Params([ids]);
  const select = selectWithReveal(access, principal, params);
  const pullable = filterSql(access.kind, access.pull, 'r', principal, params);
  const from = select.indexOf(' FROM ');
  const rows = await tx.query(
    `${select.slice(0, from)}, ${pullable} AS "_pullable"${select.slice(from)} WHERE r.${quoteIdent(table.primaryKey)} = ANY($1::text[])`,
    params.values,
  );
  for (const row of rows)
    out.set(String(row[table.primaryKey]), { pullable: row._pullable === true, revealed: revealedOf(access, row) });
  return out;
}
