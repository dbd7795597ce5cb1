import type { z } from 'zod';
import { entities, type Kind } from '../../src-shared/domain/registry';
import type { ScoreReleasePolicy } from '../../src-shared/domain/score-release';
import { accessFor, type KindAccess } from '../../src-shared/permissions/access';
import { collectionLayout, type CollectionName } from '../../src-shared/storage/layout';
import { entityFields, expectedId } from '../../src-shared/storage/stored-doc';
import type { PushRow, WireDoc } from '../../src-shared/sync/wire';
import type { Principal } from '../auth/principal';
import { quoteIdent } from '../db/ddl';
import { rowToStored, selectFrom, tableOf, writeRows, writeRowsStatement, type StoredRow } from '../db/rows';
import type { RowFilter } from '../../src-shared/permissions/row-filter';
import { isPgError, UNIQUE_VIOLATION, type Queryable, type Sql } from '../db/sql';
import { HttpError, summarise, type FieldProblem } from '../http/errors';
import { filterSql, Params } from './filter-sql';
import { accessibleKinds, revealedRows, toWire } from './pull';
import { BatchRules, mergeStalePush } from './push-conflicts';
import { assumedMatches, mergePush } from './push-rules';
import { scoreSessions } from './scoring';
import { settleTokenReuse } from './token-reuse';
import { syncWriteLockCondition } from './write-lock';

/*
 * Applies a push batch atomically: either every accepted row is written or,
 * if any row breaks a rule, nothing is and the client gets the reason.
 * Conflicting rows (the client's assumed master state is not the server's)
 * are not written and come back as the server's current documents, as
 * RxDB's replication protocol expects; so do writes the conflict table
 * (src-shared/sync/conflict-rules.ts) refuses.
 */

interface Planned {
  index: number;
  kind: Kind;
  access: KindAccess;
  incoming: WireDoc;
  assumed: Record<string, unknown> | null | undefined;
  current?: StoredRow;
}

const at = (index: number, field: string) => `body.${index}.newDocumentState${field ? `.${field}` : ''}`;

function fail(status: number, problems: FieldProblem[]): never {
  throw new HttpError(status, summarise(problems), problems);
}

/** Ids among `ids` whose stored row satisfies `filter` for this principal. */
async function idsMatching(
  tx: Queryable,
  kind: Kind,
  ids: string[],
  access: KindAccess,
  principal: Principal,
  which: 'rows',
) {
  if (!ids.length) return new Set<string>();
  const table = tableOf(kind);
  const params = new Params([ids]);
  const rule = access.push?.[which] ?? 'none';
  const where = filterSql(kind, rule, 'r', principal, params);
  const rows = await tx.query<{ id: string }>(
    `SELECT r.${quoteIdent(table.primaryKey)} AS id FROM ${quoteIdent(table.name)} AS r WHERE r.${quoteIdent(table.primaryKey)} = ANY($1::text[]) AND ${where}`,
    params.values,
  );
  return new Set(rows.map((r) => r.id));
}

/** Kinds whose tables a filter's subqueries read. */
function subqueryKinds(filter: RowFilter, out: Kind[] = []): Kind[] {
  if (typeof filter === 'string') return out;
  if ('in' in filter) {
    out.push(filter.in[1].from);
    subqueryKinds(filter.in[1].where, out);
  } else if ('or' in filter) filter.or.forEach((f) => subqueryKinds(f, out));
  else if ('and' in filter) filter.and.forEach((f) => subqueryKinds(f, out));
  return out;
}

/**
 * Writes rows of one kind and answers, in the same statement, which of them
 * satisfy `rule` as written. Only for rules whose subqueries read no table
 * this statement writes.
 */
async function writeRowsMatching(
  tx: Queryable,
  kind: Kind,
  rows: readonly { doc: Record<string, unknown>; deleted: boolean }[],
  rule: RowFilter,
  principal: Principal,
): Promise<Set<string>> {
  const write = writeRowsStatement(kind, rows);
  const params = new Params(write.values);
  const where = filterSql(kind, rule, 'r', principal, params);
  const key = quoteIdent(tableOf(kind).primaryKey);
  const found = await tx.query<{ id: string }>(
    `WITH written AS (${write.text} RETURNING *) SELECT r.${key} AS id FROM written AS r WHERE ${where}`,
    params.values,
  );
  return new Set(found.map((r) => r.id));
}

function plan(principal: Principal, collection: CollectionName, rows: PushRow[]): Planned[] {
  accessibleKinds(principal, collection);
  const seen = new Set<string>();
  return rows.map((row, index) => {
    const incoming = row.newDocumentState;
    const access = accessFor(principal.role, incoming.kind);
    if (!access?.push) {
      fail(403, [
        {
          field: at(index, 'kind'),
          rule: 'forbidden',
          message: `role ${principal.role} may not write ${incoming.kind} documents`,
        },
      ]);
    }
    if (seen.has(incoming.pk)) {
      fail(400, [{ field: at(index, 'pk'), rule: 'duplicate', message: 'appears twice in one push' }]);
    }
    seen.add(incoming.pk);
    return { index, kind: incoming.kind, access, incoming, assumed: row.assumedMasterState };
  });
}

/**
 * The stored rows the push names, locked (FOR UPDATE) until commit. The
 * first statement also takes the sync write lock (write-lock.ts), before
 * any row lock.
 */
async function lockAndLoadCurrent(tx: Queryable, schema: string, collection: CollectionName, planned: Planned[]) {
  const kinds = collectionLayout[collection].kinds as readonly Kind[];
  const ids = planned.map((p) => p.incoming.pk);
  const byId = new Map(planned.map((p) => [p.incoming.pk, p]));
  for (const [i, kind] of kinds.entries()) {
    const table = tableOf(kind);
    const params = new Params([ids]);
    const lock = i === 0 ? ` AND ${syncWriteLockCondition(params, schema)}` : '';
    const rows = await tx.query(
      `${selectFrom(kind)} WHERE r.${quoteIdent(table.primaryKey)} = ANY($1::text[])${lock} FOR UPDATE OF r`,
      params.values,
    );
    for (const row of rows) {
      const stored = rowToStored(kind, row);
      const p = byId.get(String(row[table.primaryKey]));
      if (!p) continue;
      if (stored.kind !== p.kind) {
        // One RxDB collection holds these kinds under a single primary key.
        fail(409, [{ field: at(p.index, 'pk'), rule: 'pk_taken', message: `is already the id of a ${stored.kind}` }]);
      }
      p.current = stored;
    }
  }
}

function validationProblems(p: Planned, doc: Record<string, unknown>): FieldProblem[] {
  const entity = entities[p.kind];
  const result = (entity.document as z.ZodType).safeParse(doc);
  const problems: FieldProblem[] = result.success
    ? []
    : result.error.issues.map((issue) => ({
        field: at(p.index, issue.path.map(String).join('.')),
        rule: issue.code === 'custom' ? 'rule' : issue.code,
        message: issue.message,
      }));
  // The route's wire schema already checked the pushed document's derived id
  // (a hash, the costliest check here); it is computed again only if the
  // merge changed the id or a field it derives from.
  const sameKey = [entity.idField, ...entity.uniqueBy].every((f) => doc[f] === p.incoming[f]);
  const expected = sameKey ? undefined : expectedId(p.kind, doc as never);
  if (expected !== undefined && doc[entity.idField] !== expected) {
    problems.push({ field: at(p.index, entity.idField), rule: 'derived_id', message: `must be "${expected}"` });
  }
  return problems;
}

type Decision = { conflict: WireDoc; refusal?: string } | { doc: Record<string, unknown>; deleting: boolean };

/**
 * What to do with one row: write it, answer with the master (a conflict,
 * or a write the conflict table refuses), or fail the batch. The order
 * matters: a stale copy is a conflict before anything else is judged, and
 * a write the role has no right to is an error, not a conflict.
 */
function decide(p: Planned, principal: Principal, rules: BatchRules, masterOf: (p: Planned) => WireDoc): Decision {
  const push = p.access.push!;
  const current = p.current;
  const deleting = p.incoming._deleted;
  let incoming = entityFields(p.incoming);
  let serverMerged = false;
  if (current && (!p.assumed || !assumedMatches(current.doc, current.deleted, p.assumed, p.kind, p.access))) {
    const merged = mergeStalePush(p.kind, p.access, current, p.assumed, incoming, deleting);
    if (!merged) return { conflict: masterOf(p) };
    incoming = merged;
    serverMerged = true;
  }
  if ((!current || current.deleted) && !deleting && !push.create) {
    fail(403, [
      {
        field: at(p.index, ''),
        rule: 'create_forbidden',
        message: `role ${principal.role} may not create ${p.kind} documents`,
      },
    ]);
  }
  if (deleting && !current?.deleted && !push.delete) {
    fail(403, [
      {
        field: at(p.index, '_deleted'),
        rule: 'delete_forbidden',
        message: `role ${principal.role} may not delete ${p.kind} documents`,
      },
    ]);
  }
  const merge = mergePush(p.kind, p.access, incoming, current?.doc);
  if (merge.forbidden.length)
    fail(
      403,
      merge.forbidden.map((e) => ({ ...e, field: at(p.index, e.field) })),
    );
  if (merge.frozen.length)
    fail(
      400,
      merge.frozen.map((e) => ({ ...e, field: at(p.index, e.field) })),
    );
  const problems = validationProblems(p, merge.doc);
  // Both sides were valid; if their merge is not, the device resolves it like any conflict.
  if (problems.length && serverMerged) return { conflict: masterOf(p) };
  if (problems.length) fail(400, problems);
  const live = current && !current.deleted ? current.doc : undefined;
  const refusal = rules.refusal(principal.role, p.kind, live, merge.doc, deleting);
  if (refusal) {
    // A refused creation has no master to return: the device learns that the server holds no such document.
    const master = current ? masterOf(p) : toWire({ kind: p.kind, doc: merge.doc, deleted: true, seq: 0 }, p.access);
    return { conflict: master, refusal };
  }
  return { doc: merge.doc, deleting };
}

/** Sessions whose score may have changed: written sessions and the sessions of written answers. */
function sessionsToScore(written: Map<Kind, { docs: Record<string, unknown>[] }>): string[] {
  const sessions = (written.get('test_session')?.docs ?? []).map((d) => d.session_id as string);
  const ofAnswers = (written.get('answer')?.docs ?? []).map((d) => d.session_id as string);
  return [...sessions, ...ofAnswers];
}

interface Written {
  ids: string[];
  docs: Record<string, unknown>[];
  rows: { doc: Record<string, unknown>; deleted: boolean }[];
  access: KindAccess;
  indexes: Map<string, number>;
}

function refuseUnwritable(role: string, kind: Kind, entry: Written, allowed: Set<string>): void {
  const refused = entry.ids.filter((id) => !allowed.has(id));
  if (!refused.length) return;
  fail(
    403,
    refused.map((id) => ({
      field: at(entry.indexes.get(id)!, ''),
      rule: 'forbidden',
      message: `role ${role} may not write this ${kind}`,
    })),
  );
}

export interface PushOptions {
  release: ScoreReleasePolicy;
  now: () => number;
  /** Told about every write the conflict table refused, for the log. */
  onRefusal?: (refusal: { kind: Kind; pk: string; reason: string }) => void;
}

/** The withhold answers (permissions `withhold`) for the stored rows a conflict may return. */
async function revealCurrent(tx: Queryable, principal: Principal, planned: Planned[]) {
  const out = new Map<string, boolean[]>();
  for (const kind of new Set(planned.map((p) => p.kind))) {
    const group = planned.filter((p) => p.kind === kind && p.current);
    if (!group.length || !group[0]!.access.withheld.length) continue;
    const ids = group.map((p) => p.incoming.pk);
    for (const [id, flags] of await revealedRows(tx, group[0]!.access, principal, ids)) out.set(id, flags);
  }
  return out;
}

export async function pushChanges(
  sql: Sql,
  principal: Principal,
  collection: CollectionName,
  rows: PushRow[],
  options: PushOptions,
): Promise<WireDoc[]> {
  const planned = plan(principal, collection, rows);
  if (!planned.length) return [];
  try {
    return await sql.transaction(async (tx) => {
      await lockAndLoadCurrent(tx, sql.schema, collection, planned);
      const conflicts: WireDoc[] = [];
      const written = new Map<Kind, Written>();

      for (const kind of new Set(planned.map((p) => p.kind))) {
        const group = planned.filter((p) => p.kind === kind);
        const existing = group.filter((p) => p.current).map((p) => p.incoming.pk);
        const allowed = await idsMatching(tx, kind, existing, group[0]!.access, principal, 'rows');
        for (const p of group) {
          if (p.current && !allowed.has(p.incoming.pk)) {
            fail(403, [
              { field: at(p.index, 'pk'), rule: 'forbidden', message: `this ${kind} is not yours to change` },
            ]);
          }
        }
      }

      const rules = await BatchRules.load(
        tx,
        planned.map((p) => ({ kind: p.kind, doc: p.incoming })),
      );
      const revealed = await revealCurrent(tx, principal, planned);
      const masterOf = (p: Planned) => toWire(p.current!, p.access, revealed.get(p.incoming.pk));
      for (const p of planned) {
        const decision = decide(p, principal, rules, masterOf);
        if ('conflict' in decision) {
          conflicts.push(decision.conflict);
          if (decision.refusal) options.onRefusal?.({ kind: p.kind, pk: p.incoming.pk, reason: decision.refusal });
          continue;
        }
        const entry = written.get(p.kind) ?? {
          ids: [],
          docs: [],
          rows: [],
          access: p.access,
          indexes: new Map<string, number>(),
        };
        entry.ids.push(p.incoming.pk);
        entry.docs.push(decision.doc);
        entry.rows.push({ doc: decision.doc, deleted: decision.deleting });
        entry.indexes.set(p.incoming.pk, p.index);
        written.set(p.kind, entry);
      }
      // One statement per kind, which also checks that the written rows are
      // still the role's to write (a candidate cannot move an answer into
      // someone else's session): the lock is held for fewer round trips.
      const writtenKinds = new Set(written.keys());
      const checkAfterAll: Kind[] = [];
      for (const [kind, entry] of written) {
        const rule = entry.access.push?.rows ?? 'none';
        if (subqueryKinds(rule).some((k) => writtenKinds.has(k))) {
          // The rule reads rows this push writes, which a statement does not see its own writes of.
          await writeRows(tx, kind, entry.rows);
          checkAfterAll.push(kind);
        } else {
          refuseUnwritable(principal.role, kind, entry, await writeRowsMatching(tx, kind, entry.rows, rule, principal));
        }
      }
      for (const kind of checkAfterAll) {
        const entry = written.get(kind)!;
        refuseUnwritable(
          principal.role,
          kind,
          entry,
          await idsMatching(tx, kind, entry.ids, entry.access, principal, 'rows'),
        );
      }
      // The clock is read under the lock, so a release sweep (score-release.ts) is either before or after it.
      await settleTokenReuse(
        tx,
        planned.filter((p) => p.kind === 'test_session' && !p.current).map((p) => p.incoming),
        options.now(),
      );
      await scoreSessions(tx, sessionsToScore(written), { release: options.release, nowMs: options.now() });
      return conflicts;
    });
  } catch (error) {
    if (isPgError(error, UNIQUE_VIOLATION)) {
      throw new HttpError(409, `A unique value is already taken (${error.constraint ?? 'constraint'})`, [
        { field: 'body', rule: 'unique', message: error.detail ?? error.message },
      ]);
    }
    throw error;
  }
}
