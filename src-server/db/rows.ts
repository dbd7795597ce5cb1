import { kinds, type Kind } from '../../src-shared/domain/registry';
import { quoteIdent } from './ddl';
import { tableModel, type ColumnModel, type TableModel } from './schema-model';
import type { Queryable, Row } from './sql';

/*
 * Conversion between entity documents and table rows. An absent optional
 * field is SQL NULL and comes back absent (RxDB documents never hold null).
 */

const tables = new Map<Kind, TableModel>(kinds.map((kind) => [kind, tableModel(kind)]));

export function tableOf(kind: Kind): TableModel {
  return tables.get(kind)!;
}

export interface StoredRow {
  kind: Kind;
  /** The entity's own fields. */
  doc: Record<string, unknown>;
  deleted: boolean;
  seq: number;
}

function selectList(table: TableModel, alias: string): string {
  return [
    ...table.columns.map((c) => `${alias}.${quoteIdent(c.name)}`),
    `${alias}._deleted`,
    `${alias}._server_seq`,
  ].join(', ');
}

/** `SELECT <every column> FROM <table> AS <alias>`, for callers to add WHERE/ORDER. */
export function selectFrom(kind: Kind, alias = 'r'): string {
  const table = tableOf(kind);
  return `SELECT ${selectList(table, alias)} FROM ${quoteIdent(table.name)} AS ${alias}`;
}

export function rowToStored(kind: Kind, row: Row): StoredRow {
  const doc: Record<string, unknown> = {};
  for (const column of tableOf(kind).columns) {
    const value = row[column.name];
    if (value !== null && value !== undefined) doc[column.name] = value;
  }
  return { kind, doc, deleted: row._deleted === true, seq: Number(row._server_seq) };
}

function param(column: ColumnModel, value: unknown): unknown {
  if (value === undefined) return null;
  // Both drivers would write a JS array as a PostgreSQL array; jsonb wants JSON text.
  return column.type === 'jsonb' ? JSON.stringify(value) : value;
}

function placeholder(column: ColumnModel, index: number): string {
  return column.type === 'jsonb' ? `$${index}::jsonb` : `$${index}`;
}

const upserts = new Map<Kind, string>();

function upsertSql(kind: Kind): string {
  let text = upserts.get(kind);
  if (!text) {
    const table = tableOf(kind);
    const names = [...table.columns.map((c) => quoteIdent(c.name)), '_deleted'];
    const values = [...table.columns.map((c, i) => placeholder(c, i + 1)), `$${table.columns.length + 1}`];
    const updates = names.filter((n) => n !== quoteIdent(table.primaryKey)).map((n) => `${n} = EXCLUDED.${n}`);
    text = `INSERT INTO ${quoteIdent(table.name)} (${names.join(', ')}) VALUES (${values.join(', ')})
      ON CONFLICT (${quoteIdent(table.primaryKey)}) DO UPDATE SET ${updates.join(', ')}
      RETURNING _server_seq`;
    upserts.set(kind, text);
  }
  return text;
}

/** Inserts or replaces a whole document; returns its new change number. */
export async function writeRow(
  q: Queryable,
  kind: Kind,
  doc: Record<string, unknown>,
  deleted = false,
): Promise<number> {
  const table = tableOf(kind);
  const params = [...table.columns.map((c) => param(c, doc[c.name])), deleted];
  const rows = await q.query<{ _server_seq: number }>(upsertSql(kind), params);
  return Number(rows[0]!._server_seq);
}

const bulkUpserts = new Map<Kind, string>();

function bulkUpsertSql(kind: Kind): string {
  let text = bulkUpserts.get(kind);
  if (!text) {
    const table = tableOf(kind);
    const names = [...table.columns.map((c) => quoteIdent(c.name)), '_deleted'];
    const record = [...table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`), '_deleted boolean'];
    const updates = names.filter((n) => n !== quoteIdent(table.primaryKey)).map((n) => `${n} = EXCLUDED.${n}`);
    // WITH ORDINALITY … ORDER BY keeps the rows in the caller's order, so change numbers follow it.
    text = `INSERT INTO ${quoteIdent(table.name)} (${names.join(', ')})
      SELECT ${names.join(', ')}
      FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${record.join(', ')})) WITH ORDINALITY AS x(${names.join(', ')}, _ord)
      ORDER BY _ord
      ON CONFLICT (${quoteIdent(table.primaryKey)}) DO UPDATE SET ${updates.join(', ')}`;
    bulkUpserts.set(kind, text);
  }
  return text;
}

/** The statement `writeRows` runs for several rows: `$1` is the rows as JSON. */
export function writeRowsStatement(
  kind: Kind,
  rows: readonly { doc: Record<string, unknown>; deleted: boolean }[],
): { text: string; values: unknown[] } {
  const columns = tableOf(kind).columns;
  const records = rows.map(({ doc, deleted }) => {
    const record: Record<string, unknown> = { _deleted: deleted };
    for (const c of columns) if (doc[c.name] !== undefined) record[c.name] = doc[c.name];
    return record;
  });
  return { text: bulkUpsertSql(kind), values: [JSON.stringify(records)] };
}

/**
 * Inserts or replaces whole documents of one kind in one statement (ids must
 * be distinct): what `writeRow` does for each, in one round trip. A push
 * holds the sync write lock while it writes, so round trips there are what
 * every other writer waits for.
 */
export async function writeRows(
  q: Queryable,
  kind: Kind,
  rows: readonly { doc: Record<string, unknown>; deleted: boolean }[],
): Promise<void> {
  if (!rows.length) return;
  if (rows.length === 1) {
    await writeRow(q, kind, rows[0]!.doc, rows[0]!.deleted);
    return;
  }
  const { text, values } = writeRowsStatement(kind, rows);
  await q.query(text, values);
}

/** The current rows of some ids; `lock` takes row locks until the transaction ends. */
export async function readRows(
  q: Queryable,
  kind: Kind,
  ids: readonly string[],
  lock = false,
): Promise<Map<string, StoredRow>> {
  const out = new Map<string, StoredRow>();
  if (!ids.length) return out;
  const table = tableOf(kind);
  const rows = await q.query(
    `${selectFrom(kind)} WHERE r.${quoteIdent(table.primaryKey)} = ANY($1::text[])${lock ? ' FOR UPDATE' : ''}`,
    [ids],
  );
  for (const row of rows) out.set(String(row[table.primaryKey]), rowToStored(kind, row));
  return out;
}
