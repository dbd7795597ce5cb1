import { isKind } from '@shared/domain/registry';
import { indexPadding, withIndexPadding } from '@shared/storage/stored-doc';
import type { WireDoc } from '@shared/sync/wire';

/*
 * Local documents carry index padding (stored-doc.ts: '' or false in indexed
 * fields the entity leaves empty, so IndexedDB indexes every record). The
 * wire carries entity values only, so the server never stores a padding
 * value as data: padding comes off on the way out and back on on the way in.
 */

const BOOKKEEPING = ['_meta', '_rev', '_attachments'];

/** A local document as it travels: no RxDB bookkeeping, no padding, `_deleted` set. */
export function toWireForm(local: Record<string, unknown>): WireDoc {
  const out: Record<string, unknown> = { ...local };
  for (const key of BOOKKEEPING) delete out[key];
  if (isKind(out.kind)) {
    for (const [field, pad] of indexPadding(out.kind)) if (out[field] === pad) delete out[field];
  }
  out._deleted = out._deleted === true;
  return out as WireDoc;
}

/** A document from the server as the local storage wants it. */
export function fromWireForm(doc: WireDoc): WireDoc {
  return withIndexPadding(doc);
}
