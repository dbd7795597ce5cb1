import { entities, type Kind } from '../domain/registry';
import { sameJson } from './equality';

/* The merges behind the conflict table (conflict-rules.ts). */

type Doc = Record<string, unknown>;

const writtenAt = (doc: Doc) => Date.parse(String(doc.updated_at));

/**
 * The 'field-merge' rule: the document a device would have pushed had it
 * known the master. `base` is its assumed master state, `theirs` the master,
 * `mine` its push. Only `fields` take part (those the device can see and the
 * server does not own); every other value is the master's. A field both
 * sides changed keeps the value with the later `updated_at`, the master's on
 * a tie.
 */
export function mergeStale(fields: Iterable<string>, base: Doc, theirs: Doc, mine: Doc): Doc {
  const mineIsLater = writtenAt(mine) > writtenAt(theirs);
  const merged: Doc = { ...theirs };
  for (const field of fields) {
    const changedHere = !sameJson(mine[field], base[field]);
    const changedThere = !sameJson(theirs[field], base[field]);
    if (!changedHere || (changedThere && !mineIsLater)) continue;
    if (mine[field] === undefined) delete merged[field];
    else merged[field] = mine[field];
  }
  return merged;
}

/**
 * For a device's conflict handler: whether a conflict the server answered is
 * a rule refusing the write (conflict-rules.ts: a freeze, the answer window)
 * rather than someone else's write. The server then returns the very master
 * the device assumed, so merging would push the same refused change again,
 * forever: the device should take the master. Server-owned fields are
 * ignored, as the server ignores them when it compares.
 */
export function isRuleRefusal(kind: Kind, assumed: Doc | undefined, real: Doc): boolean {
  if (!assumed || (assumed._deleted === true) !== (real._deleted === true)) return false;
  const serverOwned = new Set<string>(entities[kind].serverOwned);
  return entities[kind].fields.every((f) => serverOwned.has(f) || sameJson(assumed[f], real[f]));
}
