import { accessFor, type KindAccess } from '../../../src-shared/permissions/access';
import type { Kind } from '../../../src-shared/domain/registry';
import { collectionLayout, type CollectionName } from '../../../src-shared/storage/layout';
import type { PushRow, WireDoc } from '../../../src-shared/sync/wire';
import type { Principal } from '../../auth/principal';
import { quoteIdent } from '../../db/ddl';
import { rowToStored, selectFrom, tableOf, type StoredRow } from '../../db/rows';
import type { Queryable } from '../../db/sql';
import { HttpError, summarise, type FieldProblem } from '../../http/errors';
import { Params } from '../filter-sql';
import { accessibleKinds } from '../visibility';
import { syncWriteLockCondition } from '../write-lock';

/*
 * A push batch as the pipeline sees it: one entry per pushed row, with the
 * role's access to its kind and, once loaded, the stored row it would
 * replace. A batch is atomic: any row that breaks a rule fails it all
 * (`fail`), and the client is told which row and field, and why.
 */

export interface Planned {
  index: number;
  kind: Kind;
  access: KindAccess;
  incoming: WireDoc;
  assumed: Record<string, unknown> | null | undefined;
  /** The stored row, deleted or not, once loaded. */
  current?: StoredRow;
}

/** The error path of row `index`'s field, as the client pushed it. */
export const at = (index: number, field: string) => `body.${index}.newDocumentState${field ? `.${field}` : ''}`;

export function fail(status: number, problems: FieldProblem[]): never {
  throw new HttpError(status, summarise(problems), problems);
}

/** Step 1, permission (kinds): every row is of a kind the role may push, and appears once. */
export function admit(principal: Principal, collection: CollectionName, rows: PushRow[]): Planned[] {
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

/** The batch's rows grouped by kind, in first-appearance order. */
export function byKind(batch: readonly Planned[]): Map<Kind, Planned[]> {
  const out = new Map<Kind, Planned[]>();
  for (const p of batch) {
    const group = out.get(p.kind);
    if (group) group.push(p);
    else out.set(p.kind, [p]);
  }
  return out;
}

/**
 * Loads the stored rows the push names, locked (FOR UPDATE) until commit.
 * The first statement also takes the sync write lock (write-lock.ts), before
 * any row lock.
 */
export async function lockAndLoad(tx: Queryable, schema: string, collection: CollectionName, batch: Planned[]) {
  const kinds = collectionLayout[collection].kinds as readonly Kind[];
  const ids = batch.map((p) => p.incoming.pk);
  const byId = new Map(batch.map((p) => [p.incoming.pk, p]));
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
