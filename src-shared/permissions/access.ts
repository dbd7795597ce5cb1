import { entities, type Kind } from '../domain/registry';
import { collectionLayout, collectionNames, type CollectionName } from '../storage/layout';
import type { PrincipalRole } from './principal';
import type { RowFilter } from './row-filter';
import { sameJson } from '../sync/equality';
import { ownedFields, type OwnedField } from './ownership';
import { permissionTable, type Withhold } from './table';

/*
 * The permission table resolved for one role and kind: the sets the server
 * enforces and the client may consult (e.g. to disable fields a role cannot
 * change).
 */

export interface KindAccess {
  kind: Kind;
  pull: RowFilter;
  /** Fields that never reach this role: entity secrets plus the table's `strip`. */
  hidden: ReadonlySet<string>;
  /** Fields that reach this role only on rows matching `until` (the table's `withhold`), in table order. */
  withheld: readonly { fields: ReadonlySet<string>; until: RowFilter }[];
  /**
   * Every field a device of this role may lack: hidden, or withheld on some
   * row it may push. A push neither compares nor takes them; the stored
   * values are kept.
   */
  concealed: ReadonlySet<string>;
  push?: {
    rows: RowFilter;
    /** Fields this role may set or change; server-decided and concealed fields never are. */
    writable: ReadonlySet<string>;
    create: boolean;
    delete: boolean;
    /** Identity fields that must name the sender (ownership.ts), among those it may write. */
    owned: readonly OwnedField[];
    /** Sessions it creates must name an invitation of their candidate (table.ts `needsInvitation`). */
    needsInvitation: boolean;
  };
}

const ALWAYS_WRITABLE = ['created_at', 'updated_at'];

export function accessFor(role: PrincipalRole, kind: Kind): KindAccess | undefined {
  const rule = permissionTable[role][kind];
  if (!rule) return undefined;
  const entity = entities[kind];
  const hidden = new Set<string>([...entity.secret, ...(rule.strip ?? [])]);
  const withheld = (rule.withhold ?? []).map((w) => ({ fields: new Set(w.fields), until: w.until }));
  // A withheld field revealed on exactly the rows this role may write (a proctor's PIN verifier on their own
  // account) is on every copy the role can push: there it is compared and writable like any field.
  const shownWherePushed = (w: Withhold) => rule.push !== undefined && sameJson(w.until, rule.push.rows);
  const concealed = new Set<string>([
    ...hidden,
    ...(rule.withhold ?? []).filter((w) => !shownWherePushed(w)).flatMap((w) => w.fields),
  ]);
  const access: KindAccess = { kind, pull: rule.pull, hidden, withheld, concealed };
  if (rule.push) {
    const named = rule.push.fields === 'all' ? entity.fields : rule.push.fields;
    const serverDecided = new Set<string>(entity.serverDecided);
    const writable = new Set<string>([entity.idField, ...ALWAYS_WRITABLE]);
    for (const field of named) if (!serverDecided.has(field) && !concealed.has(field)) writable.add(field);
    // An identity field the role cannot write keeps its stored value: no write of the role changes it.
    const owned = ownedFields(kind, rule.push.owner).filter((o) => writable.has(o.field) || o.when === 'always');
    access.push = {
      rows: rule.push.rows,
      writable,
      create: rule.push.create,
      delete: rule.push.delete,
      owned,
      needsInvitation: rule.push.needsInvitation === true,
    };
  }
  return access;
}

/** The kinds of a collection this role may pull, with their access. */
export function collectionAccess(role: PrincipalRole, collection: CollectionName): KindAccess[] {
  return collectionLayout[collection].kinds
    .map((kind) => accessFor(role, kind))
    .filter((a): a is KindAccess => a !== undefined && a.pull !== 'none');
}

/** Collections a role replicates: those holding at least one kind it may pull. */
export function collectionsForRole(role: PrincipalRole): CollectionName[] {
  return collectionNames.filter((name) => collectionAccess(role, name).length > 0);
}

/**
 * A copy of an entity document without the fields this role may not see.
 * `revealed[i]` says whether the row matches the i-th withhold rule's
 * `until` (evaluated by the server's SQL); a rule without an answer withholds.
 */
export function stripHidden(
  doc: Record<string, unknown>,
  access: KindAccess,
  revealed: readonly boolean[] = [],
): Record<string, unknown> {
  const strip = new Set(access.hidden);
  access.withheld.forEach((w, i) => {
    if (revealed[i] !== true) for (const field of w.fields) strip.add(field);
  });
  if (!strip.size) return doc;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!strip.has(key)) out[key] = value;
  return out;
}
