import { isKind } from '@shared/domain/registry';
import { indexPadding, withIndexPadding } from '@shared/storage/stored-doc';
import type { WireDoc } from '@shared/sync/wire';

/*
 * Local documents carry index padding (stored-doc.ts: '' or false in indexed
 * fields the entity leaves empty, so IndexedDB indexes every record). The
 * wire carries entity values only, so the server never stores a padding
 * value as data: padding comes off on the way out and back on on the way in.
 */

const BOOKKEEPING = new Set(['_meta', '_rev', '_attachments']);
const NO_PADDING: ReadonlyMap<string, unknown> = new Map();

/**
 * A local document as it travels: no RxDB bookkeeping, no padding, `_deleted` set.
 * Runs for every document pushed (twice: new and assumed state), so it copies
 * the wanted keys instead of deleting unwanted ones (`delete` turns V8
 * objects into slow dictionaries).
 */
export function toWireForm(local: Record<string, unknown>): WireDoc {
  const padding = isKind(local.kind) ? indexPadding(local.kind) : NO_PADDING;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(local)) {
    if (BOOKKEEPING.has(key)) continue;
    const value = local[key];
    if (value === padding.get(key) && padding.has(key)) continue;
    out[key] = value;
  }
  out._deleted = local._deleted === true;
  return out as WireDoc;
}

/** A document from the server as the local storage wants it. */
export function fromWireForm(doc: WireDoc): WireDoc {
  return withIndexPadding(doc);
}
