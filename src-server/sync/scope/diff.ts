import { kinds, type Kind } from '../../../src-shared/domain/registry';
import type { KindAccess } from '../../../src-shared/permissions/access';
import type { PrincipalRole } from '../../../src-shared/permissions/principal';
import type { RowFilter } from '../../../src-shared/permissions/row-filter';
import { quoteIdent } from '../../db/ddl';
import { tableOf } from '../../db/rows';
import type { Queryable } from '../../db/sql';
import { isEmailField, tableNames } from '../../db/table-spec';
import { filterSql, Params, type SourceMap, type SubjectColumns } from '../filter-sql';
import { filtersOf } from './watch';

/*
 * Whose scope a batch of writes changed, and in which rows. The batch is the
 * `scope_dirty` rows the triggers recorded (watch.ts), each with the row's
 * image before the write. The world before the batch is today's tables with
 * each written row replaced by its first old image (and without the rows
 * the batch inserted); every filter is evaluated in both worlds, for every
 * registered principal of the role, but only on the rows the batch can
 * have affected: the written rows themselves, and the rows whose `within`
 * field names a written row (through every level of nesting). A principal
 * gets an entry for a row when the row's visibility to it, or a withheld
 * field's, differs between the two worlds.
 */

export interface DirtyBatch {
  ids: number[];
  /** Per kind, each written row's image before the batch (null: the batch inserted it). */
  before: Map<Kind, Map<string, Record<string, unknown> | null>>;
}

const kindOfTable = new Map<string, Kind>(kinds.map((kind) => [tableNames[kind], kind]));

export function toBatch(rows: { id: unknown; tbl: string; pk: string; old_img: unknown }[]): DirtyBatch {
  const before = new Map<Kind, Map<string, Record<string, unknown> | null>>();
  for (const row of rows) {
    const kind = kindOfTable.get(row.tbl);
    if (!kind) continue;
    let images = before.get(kind);
    if (!images) before.set(kind, (images = new Map()));
    // The first write of the batch holds the image from before it.
    if (!images.has(row.pk)) images.set(row.pk, (row.old_img as Record<string, unknown> | null) ?? null);
  }
  return { ids: rows.map((r) => Number(r.id)), before };
}

/** The world before the batch: a FROM item for each written kind, its parameters added when first used. */
export function worldBefore(batch: DirtyBatch, params: Params): SourceMap {
  const made = new Map<Kind, string>();
  return (kind) => {
    const images = batch.before.get(kind);
    if (!images) return undefined;
    let source = made.get(kind);
    if (source === undefined) {
      const table = tableOf(kind);
      const t = quoteIdent(table.name);
      const kept = [...images.values()].filter((img) => img !== null);
      source =
        `(SELECT * FROM ${t} WHERE ${quoteIdent(table.primaryKey)} <> ALL(${params.add([...images.keys()])}::text[])` +
        ` UNION ALL SELECT (jsonb_populate_record(NULL::${t}, i.v)).* FROM jsonb_array_elements(${params.add(JSON.stringify(kept))}::jsonb) AS i(v))`;
      made.set(kind, source);
    }
    return source;
  };
}

/** Rows of `kind` whose `field` holds one of `values` (emails case-insensitively). */
async function rowsNaming(q: Queryable, kind: Kind, field: string, values: string[]): Promise<string[]> {
  const table = tableOf(kind);
  const email = isEmailField(field);
  const col = email ? `lower(${quoteIdent(field)})` : quoteIdent(field);
  const rows = await q.query<{ pk: string }>(
    `SELECT ${quoteIdent(table.primaryKey)} AS pk FROM ${quoteIdent(table.name)} WHERE ${col} = ANY($1::text[])`,
    [email ? values.map((v) => v.toLowerCase()) : values],
  );
  return rows.map((r) => r.pk);
}

/** The `select` values of some rows of `kind`, before and after the batch. */
async function valuesOf(q: Queryable, kind: Kind, select: string, pks: Set<string>, batch: DirtyBatch) {
  const table = tableOf(kind);
  const values = new Set<string>();
  for (const [pk, img] of batch.before.get(kind) ?? []) {
    const value = img?.[select];
    if (pks.has(pk) && typeof value === 'string') values.add(value);
  }
  const rows = await q.query<{ v: string | null }>(
    `SELECT ${quoteIdent(select)}::text AS v FROM ${quoteIdent(table.name)} WHERE ${quoteIdent(table.primaryKey)} = ANY($1::text[])`,
    [[...pks]],
  );
  for (const row of rows) if (row.v !== null) values.add(row.v);
  return [...values];
}

/** Rows of `kind` whose visibility under `filter` may depend on a row the batch wrote, through a subquery. */
export async function reachedRows(
  q: Queryable,
  kind: Kind,
  filter: RowFilter,
  batch: DirtyBatch,
): Promise<Set<string>> {
  const out = new Set<string>();
  const visit = async (f: RowFilter): Promise<void> => {
    if (f === 'all' || f === 'none') return;
    if ('or' in f || 'and' in f) {
      for (const child of 'or' in f ? f.or : f.and) await visit(child);
      return;
    }
    if (!('in' in f)) return;
    const [field, sub] = f.in;
    const subRows = new Set<string>(batch.before.get(sub.from)?.keys() ?? []);
    for (const pk of await reachedRows(q, sub.from, sub.where, batch)) subRows.add(pk);
    if (!subRows.size) return;
    const values = await valuesOf(q, sub.from, sub.select, subRows, batch);
    if (values.length) for (const pk of await rowsNaming(q, kind, field, values)) out.add(pk);
  };
  await visit(filter);
  return out;
}

/** Rows of `access.kind` to evaluate: rows the batch updated, and rows reached through subqueries. */
export async function candidateRows(q: Queryable, access: KindAccess, batch: DirtyBatch): Promise<string[]> {
  const out = new Set<string>();
  // An inserted row was in no one's scope before, and reaches everyone who may see it by its own change number.
  for (const [pk, img] of batch.before.get(access.kind) ?? []) if (img !== null) out.add(pk);
  for (const filter of filtersOf(access))
    for (const pk of await reachedRows(q, access.kind, filter, batch)) out.add(pk);
  return [...out];
}

const SUBJECT: SubjectColumns = { columns: { id: 's.id', email: 's.email', assessmentIds: 's.assessment_ids' } };

export interface ScopeEntry {
  principalKey: string;
  kind: Kind;
  pk: string;
}

/** The (principal, row) pairs of `role` whose visibility, or withheld fields, the batch changed. */
export async function changedScopes(
  q: Queryable,
  role: PrincipalRole,
  access: KindAccess,
  rows: string[],
  batch: DirtyBatch,
): Promise<ScopeEntry[]> {
  const table = tableOf(access.kind);
  const t = quoteIdent(table.name);
  const pkc = quoteIdent(table.primaryKey);
  const params = new Params([rows, role]);
  const before = worldBefore(batch, params);
  const visible = (alias: string, filter: RowFilter, sources: SourceMap) =>
    `COALESCE(${alias}.${pkc} IS NOT NULL AND NOT ${alias}._deleted AND ${filterSql(access.kind, filter, alias, SUBJECT, params, 0, sources)}, FALSE)`;
  const columns = filtersOf(access).flatMap((filter, i) => [
    `${visible('r', filter, () => undefined)} AS "now_${i}"`,
    `${visible('o', filter, before)} AS "was_${i}"`,
  ]);
  const result = await q.query(
    `SELECT s.key AS "principal_key", c.pk AS "pk", ${columns.join(', ')}
       FROM scope_principal AS s CROSS JOIN unnest($1::text[]) AS c(pk)
       LEFT JOIN ${t} AS r ON r.${pkc} = c.pk
       LEFT JOIN ${before(access.kind) ?? t} AS o ON o.${pkc} = c.pk
      WHERE s.role = $2`,
    params.values,
  );
  const filters = filtersOf(access).length;
  return result
    .filter((row) => {
      // Index 0 is the pull filter; the rest say whether each withheld group is shown, which matters only if visible.
      if (row.now_0 !== row.was_0) return true;
      if (row.now_0 !== true) return false;
      for (let i = 1; i < filters; i++) if (row[`now_${i}`] !== row[`was_${i}`]) return true;
      return false;
    })
    .map((row) => ({ principalKey: String(row.principal_key), kind: access.kind, pk: String(row.pk) }));
}
