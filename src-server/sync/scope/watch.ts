import { kinds, type Kind } from '../../../src-shared/domain/registry';
import { accessFor, type KindAccess } from '../../../src-shared/permissions/access';
import type { PrincipalRole } from '../../../src-shared/permissions/principal';
import { permissionTable } from '../../../src-shared/permissions/table';
import { filterFields, subqueryKinds, type RowFilter } from '../../../src-shared/permissions/row-filter';
import { MIGRATION_LOCK, quoteIdent } from '../../db/ddl';
import { tableOf } from '../../db/rows';
import type { Sql } from '../../db/sql';

/*
 * Which writes can change what a principal may see, read off the permission
 * table. A row's visibility to a role depends on the fields its pull filter
 * and withhold rules read: of the row itself (an interview's interviewer),
 * and of the rows a `within` subquery reads (an invitation naming a
 * candidate's email). Row triggers, generated from this analysis at every
 * start, record each write that changes one of those fields (old image
 * included) in `scope_dirty`; the scope worker (worker.ts) turns them into
 * per-principal entries. Writes that change nothing a filter reads (an
 * answer, a session's progress) cost one WHEN test in C and nothing more.
 */

/** The filters deciding what `role` sees of `kind`: its pull filter and each withhold rule's `until`. */
export function filtersOf(access: KindAccess): RowFilter[] {
  return [access.pull, ...access.withheld.map((w) => w.until)];
}

/** Every (role, kind) whose visibility depends on something a write can change. */
export function scopedAccesses(): { role: PrincipalRole; access: KindAccess }[] {
  const out: { role: PrincipalRole; access: KindAccess }[] = [];
  for (const role of Object.keys(permissionTable) as PrincipalRole[])
    for (const kind of kinds) {
      const access = accessFor(role, kind);
      if (!access || access.pull === 'none') continue;
      if (filtersOf(access).some((f) => filterFields(kind, f).length > 0)) out.push({ role, access });
    }
  return out;
}

export interface Watch {
  /** Fields whose change may change someone's scope. */
  fields: Set<string>;
  /** A new row may bring other rows into scope (the kind is read by a subquery). */
  inserts: boolean;
}

export function watches(): Map<Kind, Watch> {
  const out = new Map<Kind, Watch>();
  const watch = (kind: Kind) => {
    let w = out.get(kind);
    if (!w) out.set(kind, (w = { fields: new Set(), inserts: false }));
    return w;
  };
  for (const { access } of scopedAccesses())
    for (const filter of filtersOf(access)) {
      for (const [kind, field] of filterFields(access.kind, filter)) watch(kind).fields.add(field);
      // A subquery skips deleted rows: deleting one can take rows out of scope.
      for (const kind of subqueryKinds(filter)) Object.assign(watch(kind), { inserts: true }).fields.add('_deleted');
    }
  return out;
}

const DIRTY_FUNCTION = `CREATE OR REPLACE FUNCTION scope_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('INSERT INTO %I.scope_dirty (tbl, pk, old_img) VALUES ($1, $2, $3)', TG_TABLE_SCHEMA)
    USING TG_TABLE_NAME, to_jsonb(NEW) ->> TG_ARGV[0], CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) END;
  RETURN NULL;
END $fn$;`;

/** The scope tables, and the triggers of today's permission table (replacing those of an earlier version). */
export function scopeInstallSql(): string {
  const statements = [
    // Principals that have pulled: the worker computes their scope changes.
    `CREATE TABLE IF NOT EXISTS scope_principal (key text PRIMARY KEY, role text NOT NULL, id text NOT NULL,
       email text NOT NULL, assessment_ids jsonb NOT NULL, seen_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE INDEX IF NOT EXISTS scope_principal_role_idx ON scope_principal (role)`,
    `CREATE TABLE IF NOT EXISTS scope_dirty (id bigserial PRIMARY KEY, tbl text NOT NULL, pk text NOT NULL, old_img jsonb)`,
    // "Look at row pk of kind again", for one principal, numbered in the change sequence.
    `CREATE TABLE IF NOT EXISTS scope_change (seq bigint PRIMARY KEY, principal_key text NOT NULL, kind text NOT NULL,
       pk text NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS scope_change_principal_idx ON scope_change (principal_key, kind, seq)`,
    DIRTY_FUNCTION,
  ];
  const watched = watches();
  for (const kind of kinds) {
    const table = tableOf(kind);
    const t = quoteIdent(table.name);
    statements.push(
      `DROP TRIGGER IF EXISTS scope_dirty_update ON ${t}`,
      `DROP TRIGGER IF EXISTS scope_dirty_insert ON ${t}`,
    );
    const w = watched.get(kind);
    if (!w) continue;
    const pk = `'${table.primaryKey}'`;
    const changed = [...w.fields].map((f) => `OLD.${quoteIdent(f)} IS DISTINCT FROM NEW.${quoteIdent(f)}`);
    statements.push(
      `CREATE TRIGGER scope_dirty_update AFTER UPDATE ON ${t} FOR EACH ROW WHEN (${changed.join(' OR ')})
         EXECUTE FUNCTION scope_mark_dirty(${pk})`,
    );
    if (w.inserts)
      statements.push(
        `CREATE TRIGGER scope_dirty_insert AFTER INSERT ON ${t} FOR EACH ROW EXECUTE FUNCTION scope_mark_dirty(${pk})`,
      );
  }
  return statements.map((s) => `${s};`).join('\n');
}

/** Installs the scope tables and triggers; servers starting together take turns, as migrations do. */
export async function installScopeTracking(sql: Sql): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, sql.schema]);
    await tx.exec(scopeInstallSql());
  });
}
