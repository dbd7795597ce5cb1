import { entities, kinds, type Kind } from '../../src-shared/domain/registry';
import { entityJsonSchema } from '../../src-shared/storage/rx-schema';
import { caseInsensitiveFields, isEmailField, tableIndexes, tableNames } from './table-spec';

/*
 * The server's relational model, derived from the entity JSON schemas. It is
 * plain JSON so that the model a migration was generated from can be saved
 * next to it (migrations/schema-snapshot.json) and diffed against the current
 * entities to generate the next migration.
 *
 * Type choices:
 * - Timestamps and dates stay `text`. A replicated document must come back
 *   byte for byte as it was pushed, because the sync protocol compares the
 *   client's assumed master state with the server's: timestamptz would
 *   re-render "…:00Z" as "…:00.000Z" and drop sub-millisecond digits, making
 *   false conflicts. The app writes Date.toISOString() (fixed width, UTC), so
 *   text order is time order and a plain btree index serves time ranges.
 * - Integers whose schema maximum fits 32 bits are `integer`, else `bigint`;
 *   other numbers are `double precision` (the wire is JSON doubles anyway).
 * - Arrays and objects are `jsonb`; enums are `text` with a CHECK constraint.
 * - No foreign keys: devices replicate collections independently and in any
 *   order (an answer may arrive before its test session), so references are
 *   checked by the permission filters and the app, not by the database.
 */

export type ColumnType = 'text' | 'boolean' | 'integer' | 'bigint' | 'double precision' | 'jsonb';

export interface ColumnModel {
  name: string;
  type: ColumnType;
  notNull: boolean;
  /** Allowed values of an enum field, enforced with a CHECK constraint. */
  enumValues?: string[];
}

export interface IndexModel {
  name: string;
  columns: string[];
  unique: boolean;
  /** Columns compared in lower case (unique emails and names). */
  lower: string[];
}

export interface TableModel {
  kind: Kind;
  name: string;
  primaryKey: string;
  columns: ColumnModel[];
  indexes: IndexModel[];
}

export interface SchemaModel {
  tables: TableModel[];
}

const INT32_MAX = 2_147_483_647;
const PG_IDENTIFIER_MAX = 63;

/** PostgreSQL truncates identifiers at 63 bytes; keep names unique and stable. */
export function identifier(name: string): string {
  if (name.length <= PG_IDENTIFIER_MAX) return name;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `${name.slice(0, PG_IDENTIFIER_MAX - 9)}_${hash.toString(16).padStart(8, '0')}`;
}

function columnType(field: string, prop: Record<string, unknown>): ColumnType {
  switch (prop.type) {
    case 'string':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'integer':
      return typeof prop.maximum === 'number' && prop.maximum <= INT32_MAX ? 'integer' : 'bigint';
    case 'number':
      return 'double precision';
    case 'array':
    case 'object':
      return 'jsonb';
    default:
      // Unrepresentable or untyped fields (z.json()) hold any JSON value.
      if (prop.type === undefined) return 'jsonb';
      throw new Error(`No SQL type for ${field} of JSON type ${String(prop.type)}`);
  }
}

export function tableModel(kind: Kind): TableModel {
  const entity = entities[kind];
  const json = entityJsonSchema(kind);
  const required = new Set(json.required);
  const table = tableNames[kind];
  const columns: ColumnModel[] = Object.entries(json.properties).map(([name, prop]) => {
    const column: ColumnModel = { name, type: columnType(name, prop), notNull: required.has(name) };
    if (Array.isArray(prop.enum)) column.enumValues = (prop.enum as string[]).slice();
    return column;
  });

  const indexes: IndexModel[] = [];
  if (entity.uniqueBy.length) {
    const cols = [...entity.uniqueBy];
    indexes.push({
      name: identifier(`${table}_${cols.join('_')}_key`),
      columns: cols,
      unique: true,
      lower: cols.filter((c) => caseInsensitiveFields.includes(c)),
    });
  }
  for (const cols of tableIndexes[kind] ?? []) {
    for (const col of cols) {
      if (!(col in json.properties)) throw new Error(`Index on ${table} names unknown field ${col}`);
    }
    indexes.push({
      name: identifier(`${table}_${cols.join('_')}_idx`),
      columns: [...cols],
      unique: false,
      lower: cols.filter(isEmailField),
    });
  }
  return { kind, name: table, primaryKey: entity.idField, columns, indexes };
}

/** The model of every entity table, in registry order (deterministic). */
export function currentSchemaModel(): SchemaModel {
  return { tables: kinds.map(tableModel) };
}
