import { entities, type Kind } from '../../../src-shared/domain/registry';
import type { KindAccess } from '../../../src-shared/permissions/access';
import { conflictRuleOf } from '../../../src-shared/sync/conflict-rules';
import { sameJson } from '../../../src-shared/sync/equality';
import { mergeStale } from '../../../src-shared/sync/field-merge';
import { entityFields } from '../../../src-shared/storage/stored-doc';
import type { Planned } from './batch';

/*
 * Step 2, the conflict table's `onStale` (src-shared/sync/conflict-rules.ts):
 * a push whose assumed master is not the server's is a conflict before
 * anything else is judged, because a stale copy legitimately differs from the
 * master in fields the sender may not write (someone else changed them). It
 * is answered with the master, or, for 'field-merge' kinds, merged on the
 * server into the document the later steps judge.
 */

type Doc = Record<string, unknown>;

/** Fields a push compares and takes: not server-decided, not concealed from the role. */
function comparedFields(kind: Kind, access: KindAccess): string[] {
  const decided = new Set<string>(entities[kind].serverDecided);
  return entities[kind].fields.filter((f) => !decided.has(f) && !access.concealed.has(f));
}

/** Whether the client's idea of the master matches the master, on the fields the client can see and write. */
export function assumedMatches(current: Doc, currentDeleted: boolean, assumed: Doc, kind: Kind, access: KindAccess) {
  if (currentDeleted !== (assumed._deleted === true)) return false;
  return comparedFields(kind, access).every((field) => sameJson(current[field], assumed[field]));
}

export type Staleness = { stale: false; doc: Doc } | { stale: true; merged: Doc | undefined };

/**
 * The document the rest of the pipeline judges: the pushed one when the
 * sender's copy is current (or new), else the server's field merge of it, or
 * `merged: undefined` to answer with the master (a deletion on either side,
 * or a merge that keeps nothing of the push).
 */
export function staleness(p: Planned): Staleness {
  const incoming = entityFields(p.incoming);
  const current = p.current;
  if (!current) return { stale: false, doc: incoming };
  if (p.assumed && assumedMatches(current.doc, current.deleted, p.assumed, p.kind, p.access))
    return { stale: false, doc: incoming };
  const assumed = p.assumed;
  if (conflictRuleOf(p.kind).onStale !== 'field-merge' || !assumed) return { stale: true, merged: undefined };
  if (current.deleted || p.incoming._deleted || assumed._deleted === true) return { stale: true, merged: undefined };
  const fields = comparedFields(p.kind, p.access);
  const merged = mergeStale(fields, assumed, current.doc, incoming);
  const keepsNothing = fields.every((f) => sameJson(merged[f], current.doc[f]));
  return { stale: true, merged: keepsNothing ? undefined : merged };
}
