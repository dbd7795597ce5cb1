import { z } from 'zod';
import { entities, type Kind } from '../../../src-shared/domain/registry';
import type { KindAccess } from '../../../src-shared/permissions/access';
import { sameJson } from '../../../src-shared/sync/equality';
import type { Principal } from '../../auth/principal';
import type { FieldProblem } from '../../http/errors';
import { at, fail, type Planned } from './batch';

/*
 * Step 3, permission (fields): whether the role may create or delete this
 * document, and the document to store: the client's values for the fields
 * the role may write, the server's (or initial) values for the rest.
 */

type Doc = Record<string, unknown>;

function computeInitialValue(kind: Kind, field: string): unknown {
  const entity = entities[kind];
  const createField = (entity.create.shape as Record<string, z.ZodType>)[field];
  if (createField instanceof z.ZodDefault) return createField.def.defaultValue;
  const shapeField = (entity.shape as Record<string, z.ZodType>)[field];
  if (!shapeField || shapeField.safeParse(undefined).success) return undefined;
  for (const neutral of [false, 0, [], {}]) if (shapeField.safeParse(neutral).success) return neutral;
  return undefined;
}

// Computed once per kind and field: the zod probes above ran for every field of every created document.
const initialCache = new Map<Kind, Map<string, unknown>>();

/**
 * The value a field has in a document a client creates, when the client may
 * not set it: the entity's create default, or for server-owned fields
 * (absent from the create schema) the neutral start: nothing for optional
 * fields, false, zero or empty otherwise.
 */
export function initialValue(kind: Kind, field: string): unknown {
  let byField = initialCache.get(kind);
  if (!byField) initialCache.set(kind, (byField = new Map()));
  if (!byField.has(field)) byField.set(field, computeInitialValue(kind, field));
  const value = byField.get(field);
  // Each document gets its own copy of an array or object default.
  return typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

const immutableCache = new Map<Kind, Set<string>>();

/** Fields fixed at creation: the id, the unique keys and the entity's `immutable` list. */
export function immutableFields(kind: Kind): Set<string> {
  let set = immutableCache.get(kind);
  if (!set) {
    const entity = entities[kind];
    const updatable = new Set(Object.keys(entity.update.shape));
    const decided = new Set<string>(entity.serverDecided);
    set = new Set([
      entity.idField,
      ...Object.keys(entity.create.shape).filter((f) => !updatable.has(f) && !decided.has(f)),
    ]);
    immutableCache.set(kind, set);
  }
  return set;
}

export interface Merge {
  doc: Doc;
  /** Fields the client changed without the right to. */
  forbidden: FieldProblem[];
  /** Fields that cannot change after creation but did. */
  frozen: FieldProblem[];
}

/**
 * The document to store. A visible field the role may not write must come
 * back unchanged; server-decided and hidden fields are silently kept, since
 * clients legitimately hold stale copies (and fill server-derived fields in
 * for offline use).
 */
export function mergePush(kind: Kind, access: KindAccess, incoming: Doc, current: Doc | undefined): Merge {
  const entity = entities[kind];
  const writable = access.push?.writable ?? new Set<string>();
  const decided = new Set<string>(entity.serverDecided);
  const immutable = immutableFields(kind);
  const doc: Doc = {};
  const forbidden: FieldProblem[] = [];
  const frozen: FieldProblem[] = [];
  for (const field of entity.fields) {
    const kept = current ? current[field] : initialValue(kind, field);
    const value = writable.has(field) ? incoming[field] : kept;
    if (
      !writable.has(field) &&
      !decided.has(field) &&
      !access.concealed.has(field) &&
      !sameJson(incoming[field], kept)
    ) {
      forbidden.push({
        field,
        rule: 'not_writable',
        message: `may not be ${current ? 'changed' : 'set'} by this role`,
      });
    }
    if (current && immutable.has(field) && !sameJson(value, current[field])) {
      frozen.push({ field, rule: 'immutable', message: 'cannot change once created' });
    }
    if (value !== undefined) doc[field] = value;
  }
  return { doc, forbidden, frozen };
}

/** The permission step for one row: create and delete rights, then writable fields; fails the batch on a breach. */
export function permitFields(p: Planned, principal: Principal, incoming: Doc): Doc {
  const push = p.access.push!;
  const current = p.current;
  const deleting = p.incoming._deleted;
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
  const located = (problems: FieldProblem[]) => problems.map((e) => ({ ...e, field: at(p.index, e.field) }));
  if (merge.forbidden.length) fail(403, located(merge.forbidden));
  if (merge.frozen.length) fail(400, located(merge.frozen));
  return merge.doc;
}
