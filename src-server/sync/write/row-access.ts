import type { Kind } from '../../../src-shared/domain/registry';
import { subqueryKinds, type RowFilter } from '../../../src-shared/permissions/row-filter';
import type { Principal } from '../../auth/principal';
import { quoteIdent } from '../../db/ddl';
import { tableOf, writeRows, writeRowsStatement } from '../../db/rows';
import type { Queryable } from '../../db/sql';
import { filterSql, Params } from '../filter-sql';
import { at, byKind, fail, type Planned } from './batch';

/*
 * The permission table's row rule (`push.rows`), checked on the stored row
 * before a write (the row is the sender's to change) and on the row as
 * written (the write does not move it out of the sender's reach: a candidate
 * cannot move an answer into someone else's session).
 */

/** Ids among `ids` whose stored row satisfies `rule` for this principal. */
async function idsMatching(tx: Queryable, kind: Kind, ids: string[], rule: RowFilter, principal: Principal) {
  if (!ids.length) return new Set<string>();
  const table = tableOf(kind);
  const params = new Params([ids]);
  const where = filterSql(kind, rule, 'r', principal, params);
  const key = quoteIdent(table.primaryKey);
  const rows = await tx.query<{ id: string }>(
    `SELECT r.${key} AS id FROM ${quoteIdent(table.name)} AS r WHERE r.${key} = ANY($1::text[]) AND ${where}`,
    params.values,
  );
  return new Set(rows.map((r) => r.id));
}

const rowsRule = (p: Planned): RowFilter => p.access.push?.rows ?? 'none';

/** Step 1, permission (rows): every stored row the batch replaces is one the sender may change. */
export async function checkStoredRows(tx: Queryable, principal: Principal, batch: Planned[]): Promise<void> {
  for (const [kind, group] of byKind(batch)) {
    const existing = group.filter((p) => p.current).map((p) => p.incoming.pk);
    const allowed = await idsMatching(tx, kind, existing, rowsRule(group[0]!), principal);
    for (const p of group) {
      if (p.current && !allowed.has(p.incoming.pk)) {
        fail(403, [{ field: at(p.index, 'pk'), rule: 'forbidden', message: `this ${kind} is not yours to change` }]);
      }
    }
  }
}

export interface Accepted {
  planned: Planned;
  doc: Record<string, unknown>;
  deleting: boolean;
}

function refuseOutside(principal: Principal, kind: Kind, rows: Accepted[], allowed: Set<string>): void {
  const refused = rows.filter((r) => !allowed.has(r.planned.incoming.pk));
  if (!refused.length) return;
  fail(
    403,
    refused.map((r) => ({
      field: at(r.planned.index, ''),
      rule: 'forbidden',
      message: `role ${principal.role} may not write this ${kind}`,
    })),
  );
}

/**
 * Writes rows of one kind and answers, in the same statement, which of them
 * satisfy `rule` as written. Only for rules whose subqueries read no table
 * this statement writes.
 */
async function writeRowsMatching(tx: Queryable, kind: Kind, rows: Accepted[], rule: RowFilter, principal: Principal) {
  const write = writeRowsStatement(
    kind,
    rows.map((r) => ({ doc: r.doc, deleted: r.deleting })),
  );
  const params = new Params(write.values);
  const where = filterSql(kind, rule, 'r', principal, params);
  const key = quoteIdent(tableOf(kind).primaryKey);
  const found = await tx.query<{ id: string }>(
    `WITH written AS (${write.text} RETURNING *) SELECT r.${key} AS id FROM written AS r WHERE ${where}`,
    params.values,
  );
  return new Set(found.map((r) => r.id));
}

/**
 * Step 7, write: one statement per kind, which also checks that the written
 * rows are still the role's to write, so the lock is held for fewer round
 * trips; a rule that reads a table this push writes is checked after all
 * writes (a statement does not see its own writes).
 */
export async function writeChecked(tx: Queryable, principal: Principal, accepted: Accepted[]): Promise<void> {
  const groups = new Map<Kind, Accepted[]>();
  for (const a of accepted) groups.set(a.planned.kind, [...(groups.get(a.planned.kind) ?? []), a]);
  const writtenKinds = new Set(groups.keys());
  const checkAfterAll: Kind[] = [];
  for (const [kind, rows] of groups) {
    const rule = rowsRule(rows[0]!.planned);
    if (subqueryKinds(rule).some((k) => writtenKinds.has(k))) {
      await writeRows(
        tx,
        kind,
        rows.map((r) => ({ doc: r.doc, deleted: r.deleting })),
      );
      checkAfterAll.push(kind);
    } else {
      refuseOutside(principal, kind, rows, await writeRowsMatching(tx, kind, rows, rule, principal));
    }
  }
  for (const kind of checkAfterAll) {
    const rows = groups.get(kind)!;
    const ids = rows.map((r) => r.planned.incoming.pk);
    refuseOutside(principal, kind, rows, await idsMatching(tx, kind, ids, rowsRule(rows[0]!.planned), principal));
  }
}
