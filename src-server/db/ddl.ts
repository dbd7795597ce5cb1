import type { ColumnModel, IndexModel, SchemaModel, TableModel } from './schema-model';
import { identifier } from './schema-model';

/*
 * SQL text generated from the relational model. Output is deterministic (the
 * model is ordered), so generating migration 001 twice gives the same file.
 */

/** Advisory lock class for sync writes; the second key is the schema's hash. */
export const SYNC_WRITE_LOCK = 1_096_045_395;
/** Advisory lock class held while migrations run. */
export const MIGRATION_LOCK = 1_096_045_396;
/** Advisory lock class held by the one scope worker at work (sync/scope/worker.ts). */
export const SCOPE_WORKER_LOCK = 1_096_045_397;
export const CHANGE_CHANNEL = 'assist_ten_sync';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function sqlLiteral(value: unknown, column: ColumnModel): string {
  if (column.type === 'jsonb') return `${quoteLiteral(JSON.stringify(value))}::jsonb`;
  if (typeof value === 'string') return quoteLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new Error(`Cannot write ${JSON.stringify(value)} as a default of ${column.name}`);
}

/**
 * The replication machinery shared by every table.
 *
 * Why pulls never miss a row: a pull asks for rows with `_server_seq` above
 * its checkpoint. If two writers took sequence numbers 5 and 6 and the
 * second committed first, a reader could see 6, move its checkpoint past 5
 * and never see 5 once it commits. So the number is assigned while holding a
 * transaction-scoped advisory lock, which PostgreSQL releases only after the
 * commit is visible: the writer holding 6 took the lock after the writer of 5
 * had committed. Sequence order is therefore commit order, and a reader that
 * sees N sees every row numbered below N (or its number belongs to a
 * rolled-back write and is a harmless gap). The cost is that writing
 * transactions commit one at a time from their first replicated write on;
 * the app's writes are small and short, so it takes them first thing
 * (see sync-write.ts) to avoid waiting while holding row locks.
 *
 * The trigger stamps rows whatever code writes them (push, login, the CLI),
 * and a statement trigger notifies listeners after commit (NOTIFY is
 * delivered only on commit), which drives the live stream.
 */
export function infrastructureSql(): string {
  return `CREATE SEQUENCE sync_server_seq AS bigint;

CREATE FUNCTION sync_stamp_row() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(${SYNC_WRITE_LOCK}, hashtext(TG_TABLE_SCHEMA));
  NEW._server_seq := nextval(format('%I.sync_server_seq', TG_TABLE_SCHEMA)::regclass);
  NEW._modified_at := clock_timestamp();
  RETURN NEW;
END
$fn$;

CREATE FUNCTION sync_notify_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('${CHANGE_CHANNEL}', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
  RETURN NULL;
END
$fn$;
`;
}

export function columnSql(column: ColumnModel): string {
  return `${quoteIdent(column.name)} ${column.type}${column.notNull ? ' NOT NULL' : ''}`;
}

export function checkName(table: string, column: string): string {
  return identifier(`${table}_${column}_check`);
}

export function enumCheckSql(table: string, column: ColumnModel): string {
  const values = (column.enumValues ?? []).map(quoteLiteral).join(', ');
  return `ALTER TABLE ${quoteIdent(table)} ADD CONSTRAINT ${quoteIdent(checkName(table, column.name))} CHECK (${quoteIdent(column.name)} IN (${values}));`;
}

export function createIndexSql(table: string, index: IndexModel): string {
  const keys = index.columns.map((c) => (index.lower.includes(c) ? `lower(${quoteIdent(c)})` : quoteIdent(c)));
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(index.name)} ON ${quoteIdent(table)} (${keys.join(', ')});`;
}

export function createTableSql(table: TableModel): string {
  const t = quoteIdent(table.name);
  const lines = [
    ...table.columns.map(columnSql),
    // Replication bookkeeping: soft deletes, commit-ordered change number, server write time.
    '"_deleted" boolean NOT NULL DEFAULT false',
    '"_server_seq" bigint NOT NULL',
    '"_modified_at" timestamptz NOT NULL',
    `PRIMARY KEY (${quoteIdent(table.primaryKey)})`,
  ];
  const statements = [`CREATE TABLE ${t} (\n  ${lines.join(',\n  ')}\n);`];
  for (const column of table.columns) if (column.enumValues) statements.push(enumCheckSql(table.name, column));
  statements.push(
    `CREATE UNIQUE INDEX ${quoteIdent(identifier(`${table.name}_server_seq_idx`))} ON ${t} ("_server_seq");`,
  );
  for (const index of table.indexes) statements.push(createIndexSql(table.name, index));
  statements.push(
    `CREATE TRIGGER sync_stamp BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION sync_stamp_row();`,
    `CREATE TRIGGER sync_notify AFTER INSERT OR UPDATE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION sync_notify_change();`,
  );
  return statements.join('\n');
}

/** Migration 001: the whole schema from nothing. */
export function initialSchemaSql(model: SchemaModel): string {
  return [infrastructureSql(), ...model.tables.map(createTableSql)].join('\n\n') + '\n';
}
