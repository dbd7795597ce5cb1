import type { Kind } from '../domain/registry';

/*
 * A declarative description of "which rows": the server compiles it to SQL
 * (src-server/sync/filter-sql.ts), so one definition decides what a role may
 * pull, what it may push and what its live stream carries.
 */

/** The signed-in user's own id or email, bound when the filter runs. */
export type SelfRef = { self: 'id' | 'email' };
export type FilterValue = string | number | boolean | SelfRef;
/**
 * A list the principal carries, bound when the filter runs: an exam station's
 * assessments (empty for every user).
 */
export type SelfListRef = { selfList: 'assessment_ids' };

export type RowFilter =
  /** Every row. */
  | 'all'
  /** No row. */
  | 'none'
  /** `field = value` (emails compare case-insensitively). */
  | { eq: readonly [field: string, value: FilterValue] }
  /** `field <> value`, or the field is absent. */
  | { ne: readonly [field: string, value: FilterValue] }
  /** The field has a value (SQL `IS NOT NULL`; documents never hold null, so: the field is not absent). */
  | { present: string }
  /** The JSON array `field` contains `value`. */
  | { contains: readonly [field: string, value: FilterValue] }
  /** `field` is one of the values of a list the principal carries. */
  | { oneOf: readonly [field: string, list: SelfListRef] }
  /** `field` is one of the `select` values of the `from` rows that match `where` (and are not deleted). */
  | { in: readonly [field: string, subquery: { from: Kind; select: string; where: RowFilter }] }
  | { or: readonly RowFilter[] }
  | { and: readonly RowFilter[] };

export const self = {
  id: { self: 'id' } as SelfRef,
  email: { self: 'email' } as SelfRef,
  assessmentIds: { selfList: 'assessment_ids' } as SelfListRef,
};

export const eq = (field: string, value: FilterValue): RowFilter => ({ eq: [field, value] });
export const ne = (field: string, value: FilterValue): RowFilter => ({ ne: [field, value] });
export const present = (field: string): RowFilter => ({ present: field });
export const contains = (field: string, value: FilterValue): RowFilter => ({ contains: [field, value] });
export const oneOf = (field: string, list: SelfListRef): RowFilter => ({ oneOf: [field, list] });
export const within = (field: string, from: Kind, select: string, where: RowFilter): RowFilter => ({
  in: [field, { from, select, where }],
});
export const or = (...filters: RowFilter[]): RowFilter => ({ or: filters });
export const and = (...filters: RowFilter[]): RowFilter => ({ and: filters });

/** Every field a filter reads, by kind, so a test can check they all exist. */
export function filterFields(kind: Kind, filter: RowFilter, out: [Kind, string][] = []): [Kind, string][] {
  if (filter === 'all' || filter === 'none') return out;
  if ('eq' in filter) out.push([kind, filter.eq[0]]);
  else if ('ne' in filter) out.push([kind, filter.ne[0]]);
  else if ('present' in filter) out.push([kind, filter.present]);
  else if ('contains' in filter) out.push([kind, filter.contains[0]]);
  else if ('oneOf' in filter) out.push([kind, filter.oneOf[0]]);
  else if ('in' in filter) {
    const [field, sub] = filter.in;
    out.push([kind, field], [sub.from, sub.select]);
    filterFields(sub.from, sub.where, out);
  } else if ('or' in filter) filter.or.forEach((f) => filterFields(kind, f, out));
  else filter.and.forEach((f) => filterFields(kind, f, out));
  return out;
}

/** Kinds whose tables a filter's subqueries read, at every depth. */
export function subqueryKinds(filter: RowFilter, out: Kind[] = []): Kind[] {
  if (typeof filter === 'string') return out;
  if ('in' in filter) {
    out.push(filter.in[1].from);
    subqueryKinds(filter.in[1].where, out);
  } else if ('or' in filter) filter.or.forEach((f) => subqueryKinds(f, out));
  else if ('and' in filter) filter.and.forEach((f) => subqueryKinds(f, out));
  return out;
}
