import type { Kind } from '../../src-shared/domain/registry';
import type { FilterValue, RowFilter } from '../../src-shared/permissions/row-filter';
import { quoteIdent } from '../db/ddl';
import { tableOf } from '../db/rows';
import { isEmailField } from '../db/table-spec';

/** Who the filter is evaluated for: the values `self.id`, `self.email` and `self.assessmentIds` stand for. */
export interface Subject {
  id: string;
  email: string;
  /** An exam station's assessments; users carry none. */
  assessmentIds?: readonly string[];
}

/**
 * The subject as SQL expressions instead of values, so one statement can
 * evaluate a filter for many principals (a column each, e.g. of an
 * `unnest` of their values): `id` and `email` are text, `assessmentIds` a
 * jsonb array of strings.
 */
export interface SubjectColumns {
  columns: { id: string; email: string; assessmentIds: string };
}

export type Binding = Subject | SubjectColumns;

const isColumns = (subject: Binding): subject is SubjectColumns => 'columns' in subject;

/** Collects parameters for one statement, numbering placeholders after those already used. */
export class Params {
  readonly values: unknown[];
  constructor(initial: readonly unknown[] = []) {
    this.values = [...initial];
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function column(kind: Kind, alias: string, field: string): string {
  if (!tableOf(kind).columns.some((c) => c.name === field)) {
    throw new Error(`Permission filter names ${field}, which ${kind} does not have`);
  }
  return `${alias}.${quoteIdent(field)}`;
}

/** SQL text for a filter value: a placeholder, or the subject's column. */
function valueSql(value: FilterValue, subject: Binding, params: Params): string {
  if (typeof value !== 'object') return params.add(value);
  return isColumns(subject) ? subject.columns[value.self] : params.add(subject[value.self]);
}

/** SQL text for a one-element jsonb array of a filter value. */
function jsonArraySql(value: FilterValue, subject: Binding, params: Params): string {
  if (typeof value === 'object' && isColumns(subject)) return `jsonb_build_array(${subject.columns[value.self]})`;
  const resolved = typeof value === 'object' ? (subject as Subject)[value.self] : value;
  return `${params.add(JSON.stringify([resolved]))}::jsonb`;
}

/**
 * What a subquery reads instead of a kind's table (undefined: the table):
 * the scope-change worker evaluates filters in the world before a batch of
 * changes (scope/diff.ts). A function, so a source's parameters are added
 * only if it is used (PostgreSQL refuses a parameter no statement types).
 */
export type SourceMap = (kind: Kind) => string | undefined;

const TABLES: SourceMap = () => undefined;

/**
 * Compiles a permission filter to a boolean SQL expression over the row
 * `alias` of `kind`. Emails compare case-insensitively, as accounts do.
 */
export function filterSql(
  kind: Kind,
  filter: RowFilter,
  alias: string,
  subject: Binding,
  params: Params,
  depth = 0,
  sources: SourceMap = TABLES,
): string {
  if (filter === 'all') return 'TRUE';
  if (filter === 'none') return 'FALSE';
  if ('eq' in filter || 'ne' in filter) {
    const [field, value] = 'eq' in filter ? filter.eq : filter.ne;
    const col = column(kind, alias, field);
    const placeholder = valueSql(value, subject, params);
    const [left, right] = isEmailField(field) ? [`lower(${col})`, `lower(${placeholder})`] : [col, placeholder];
    return 'eq' in filter ? `(${left} = ${right})` : `(${left} IS DISTINCT FROM ${right})`;
  }
  if ('present' in filter) return `(${column(kind, alias, filter.present)} IS NOT NULL)`;
  if ('contains' in filter) {
    const [field, value] = filter.contains;
    return `(${column(kind, alias, field)} @> ${jsonArraySql(value, subject, params)})`;
  }
  if ('oneOf' in filter) {
    const [field] = filter.oneOf;
    if (isColumns(subject)) return `(${subject.columns.assessmentIds} ? ${column(kind, alias, field)})`;
    return `(${column(kind, alias, field)} = ANY(${params.add([...(subject.assessmentIds ?? [])])}::text[]))`;
  }
  if ('in' in filter) {
    const [field, sub] = filter.in;
    const inner = `${alias}_${depth + 1}`;
    const table = sources(sub.from) ?? quoteIdent(tableOf(sub.from).name);
    const where = filterSql(sub.from, sub.where, inner, subject, params, depth + 1, sources);
    let [left, right] = [column(kind, alias, field), column(sub.from, inner, sub.select)];
    // Emails compare case-insensitively here too (a candidate's email against an invitation's).
    if (isEmailField(field) && isEmailField(sub.select)) [left, right] = [`lower(${left})`, `lower(${right})`];
    return `(${left} IN (SELECT ${right} FROM ${table} AS ${inner} WHERE NOT ${inner}._deleted AND ${where}))`;
  }
  if ('or' in filter) {
    if (!filter.or.length) return 'FALSE';
    return `(${filter.or.map((f) => filterSql(kind, f, alias, subject, params, depth, sources)).join(' OR ')})`;
  }
  if (!filter.and.length) return 'TRUE';
  return `(${filter.and.map((f) => filterSql(kind, f, alias, subject, params, depth, sources)).join(' AND ')})`;
}
