import { z } from 'zod';
import { entities, type Kind } from '../../src-shared/domain/registry';
import type { SchemaModel, TableModel } from './schema-model';
import { checkName, columnSql, createIndexSql, createTableSql, enumCheckSql, quoteIdent, sqlLiteral } from './ddl';

/*
 * The next migration, as the difference between the model the last migration
 * produced (migrations/schema-snapshot.json) and the model of the current
 * entities. It covers what entity edits usually are: new entities, new
 * fields, relaxed or tightened NOT NULL, changed enum values, new or dropped
 * indexes. Anything that can lose or reinterpret data (dropped or retyped
 * columns, dropped tables) is refused: write that migration by hand.
 */

export class MigrationNeedsHandWritingError extends Error {}

/** The value rows written before a required field existed receive: the entity's create default. */
export function backfillValue(kind: Kind, field: string): unknown {
  const createField = (entities[kind].create.shape as Record<string, z.ZodType>)[field];
  if (createField instanceof z.ZodDefault) return createField.def.defaultValue;
  return undefined;
}

function diffTable(from: TableModel, to: TableModel, backfill: typeof backfillValue): string[] {
  const out: string[] = [];
  const t = quoteIdent(to.name);
  const before = new Map(from.columns.map((c) => [c.name, c]));
  const after = new Map(to.columns.map((c) => [c.name, c]));
  for (const name of before.keys()) {
    if (!after.has(name)) {
      throw new MigrationNeedsHandWritingError(
        `${to.name}.${name} was removed: dropping data needs a hand-written migration`,
      );
    }
  }
  for (const column of to.columns) {
    const old = before.get(column.name);
    if (!old) {
      if (column.notNull) {
        const value = backfill(to.kind, column.name);
        if (value === undefined) {
          throw new MigrationNeedsHandWritingError(
            `${to.name}.${column.name} is required and has no create default to give existing rows`,
          );
        }
        // The default fills existing rows, then goes: every write names every column.
        out.push(`ALTER TABLE ${t} ADD COLUMN ${columnSql(column)} DEFAULT ${sqlLiteral(value, column)};`);
        out.push(`ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(column.name)} DROP DEFAULT;`);
      } else {
        out.push(`ALTER TABLE ${t} ADD COLUMN ${columnSql(column)};`);
      }
      if (column.enumValues) out.push(enumCheckSql(to.name, column));
      continue;
    }
    if (old.type !== column.type) {
      throw new MigrationNeedsHandWritingError(`${to.name}.${column.name} changed type ${old.type} → ${column.type}`);
    }
    if (old.notNull && !column.notNull)
      out.push(`ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(column.name)} DROP NOT NULL;`);
    if (!old.notNull && column.notNull) {
      const value = backfill(to.kind, column.name);
      if (value === undefined) {
        throw new MigrationNeedsHandWritingError(`${to.name}.${column.name} became required and has no create default`);
      }
      out.push(
        `UPDATE ${t} SET ${quoteIdent(column.name)} = ${sqlLiteral(value, column)} WHERE ${quoteIdent(column.name)} IS NULL;`,
      );
      out.push(`ALTER TABLE ${t} ALTER COLUMN ${quoteIdent(column.name)} SET NOT NULL;`);
    }
    if (JSON.stringify(old.enumValues ?? null) !== JSON.stringify(column.enumValues ?? null)) {
      if (old.enumValues) out.push(`ALTER TABLE ${t} DROP CONSTRAINT ${quoteIdent(checkName(to.name, column.name))};`);
      if (column.enumValues) out.push(enumCheckSql(to.name, column));
    }
  }
  const oldIndexes = new Map(from.indexes.map((i) => [i.name, JSON.stringify(i)]));
  const newIndexes = new Map(to.indexes.map((i) => [i.name, JSON.stringify(i)]));
  for (const [name, json] of oldIndexes) {
    if (newIndexes.get(name) !== json) out.push(`DROP INDEX ${quoteIdent(name)};`);
  }
  for (const index of to.indexes) {
    if (oldIndexes.get(index.name) !== newIndexes.get(index.name)) out.push(createIndexSql(to.name, index));
  }
  return out;
}

/** SQL turning a database at `from` into one at `to`; empty when nothing changed. */
export function migrationSql(from: SchemaModel, to: SchemaModel, backfill = backfillValue): string {
  const out: string[] = [];
  const before = new Map(from.tables.map((t) => [t.kind, t]));
  const afterKinds = new Set(to.tables.map((t) => t.kind));
  for (const table of from.tables) {
    if (!afterKinds.has(table.kind)) {
      throw new MigrationNeedsHandWritingError(
        `table ${table.name} was removed: dropping data needs a hand-written migration`,
      );
    }
  }
  for (const table of to.tables) {
    const old = before.get(table.kind);
    if (!old) out.push(createTableSql(table));
    else if (old.name !== table.name)
      throw new MigrationNeedsHandWritingError(`table ${old.name} was renamed to ${table.name}`);
    else out.push(...diffTable(old, table, backfill));
  }
  return out.length ? out.join('\n') + '\n' : '';
}
