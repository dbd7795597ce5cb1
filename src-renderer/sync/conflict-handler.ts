import type { RxConflictHandler, WithDeleted } from 'rxdb';
import type { CollectionName } from '@shared/storage/layout';
import { validateStored } from '@shared/storage/stored-doc';
import { isKind } from '@shared/domain/registry';
import { sameJson } from '@shared/sync/equality';
import { isRuleRefusal } from '@shared/sync/field-merge';
import type { WireDoc } from '@shared/sync/wire';
import { toWireForm } from './wire-form';

/*
 * What a device keeps when the server refuses its push because someone else
 * changed the document first. RxDB's default drops the local edit entirely;
 * this merges field by field against the state both sides started from:
 * - a field only this device changed keeps the device's value;
 * - a field the server changed (alone or as well) keeps the server's value;
 * - a deletion on the server wins, and a local deletion of a document
 *   someone else has since edited gives way to their edit;
 * - if the merge breaks a cross-field rule of the entity, the server's
 *   version is kept whole.
 * The server still checks the merged document like any other push.
 * Plug it in per collection: `conflictHandler: conflictHandlerFor(name)`.
 */

type Doc = WithDeleted<WireDoc>;
const BOOKKEEPING = ['_meta', '_rev', '_attachments'];

export function mergeConflict(
  collection: CollectionName,
  input: { assumedMasterState?: Doc; realMasterState: Doc; newDocumentState: Doc },
): Doc {
  const { assumedMasterState: base, realMasterState: theirs, newDocumentState: mine } = input;
  // Without the common ancestor there is nothing to merge against.
  if (!base || theirs._deleted || mine._deleted) return theirs;
  // The master did not move: the server refused this edit under a conflict
  // rule (a final feedback, an append-only event, a late answer). Merging
  // would keep the refused edit and push it again forever; the master stands.
  if (isKind(theirs.kind) && isRuleRefusal(theirs.kind, base as never, theirs as never)) return theirs;
  const merged: Record<string, unknown> = { ...theirs };
  const keys = new Set([...Object.keys(mine), ...Object.keys(base)]);
  for (const key of keys) {
    if (BOOKKEEPING.includes(key)) continue;
    const changedHere = !sameJson(mine[key], base[key]);
    const changedThere = !sameJson(theirs[key], base[key]);
    if (!changedHere || changedThere) continue;
    if (mine[key] === undefined) delete merged[key];
    else merged[key] = mine[key];
  }
  const { _deleted, ...stored } = merged;
  if (validateStored(collection, stored).length) return theirs;
  return { ...stored, _deleted: _deleted === true } as Doc;
}

export function conflictHandlerFor(collection: CollectionName): RxConflictHandler<WireDoc> {
  return {
    // Padding and RxDB bookkeeping are not content.
    isEqual: (a, b) => sameJson(toWireForm(a), toWireForm(b)),
    resolve: async (input) => mergeConflict(collection, input),
  };
}
