import { stripHidden } from '../../../src-shared/permissions/access';
import { entityFields } from '../../../src-shared/storage/stored-doc';
import type { WireDoc } from '../../../src-shared/sync/wire';
import type { Principal } from '../../auth/principal';
import type { Queryable } from '../../db/sql';
import { toWire, visibleRows, type Visibility } from '../visibility';
import { byKind, type Planned } from './batch';

/*
 * Step 9, reveal: what the conflict reply may show. A conflict answers with
 * the master, as RxDB's protocol expects, but only as the sender could pull
 * it: a master outside its pull scope (an admin may write notifications it
 * may not read) comes back as the sender's own document marked deleted, the
 * same answer as a refused creation, so the reply carries nothing the sender
 * did not send; a master in scope comes without the fields the role may not
 * see, and without withheld fields it does not reveal yet, all decided by
 * the same SQL as a pull (visibility.ts).
 */

export type Reply =
  { planned: Planned; master: true } | { planned: Planned; master: false; doc: Record<string, unknown> };

/** The sender's own document, marked deleted: "the server holds none that you may see". */
function tombstone(p: Planned, doc: Record<string, unknown>): WireDoc {
  return toWire({ kind: p.kind, doc: stripHidden(doc, p.access), deleted: true, seq: 0 }, p.access);
}

export async function reveal(tx: Queryable, principal: Principal, replies: readonly Reply[]): Promise<WireDoc[]> {
  const masters = replies.filter((r) => r.master).map((r) => r.planned);
  const visibility = new Map<string, Visibility>();
  for (const [, group] of byKind(masters)) {
    const ids = group.map((p) => p.incoming.pk);
    for (const [id, v] of await visibleRows(tx, group[0]!.access, principal, ids)) visibility.set(id, v);
  }
  return replies.map((r) => {
    const p = r.planned;
    if (!r.master) return tombstone(p, r.doc);
    const seen = visibility.get(p.incoming.pk);
    if (!seen?.pullable || !p.current) return tombstone(p, entityFields(p.incoming));
    return toWire(p.current, p.access, seen.revealed);
  });
}
