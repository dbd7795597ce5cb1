import { z } from 'zod';
import { entities, type Kind } from '../../src-shared/domain/registry';
import type { KindAccess } from '../../src-shared/permissions/access';
import { sameJson } from '../../src-shared/sync/equality';
import type { FieldProblem } from '../http/errors';

/*
 * The per-document rules of a push, kept apart from the transaction that
 * applies them: what the server keeps, what a client may change.
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
    set = new Set([entity.idField, ...Object.keys(entity.create.shape).filter((f) => !updatable.has(f))]);
    immutableCache.set(kind, set);
  }
  return set;
}

/** Whether the client's idea of the master matches the master, on the fields the client can see and write. */
export function assumedMatches(
  current: Doc,
  currentDeleted: boolean,
  assumed: Doc,
  kind: Kind,
  access: KindAccess,
): boolean {
  if (currentDeleted !== (assumed._deleted === true)) return false;
  const serverOwned = new Set<string>(entities[kind].serverOwned);
  for (const field of entities[kind].fields) {
    if (access.concealed.has(field) || serverOwned.has(field)) continue;
    if (!sameJson(current[field], assumed[field])) return false;
  }
  return true;
}

export interface Merge {
  doc: Doc;
  /** Fields the client changed without the right to. */
  forbidden: FieldProblem[];
  /** Fields that cannot change after creation but did. */
  frozen: FieldProblem[];
}

/**
 * The document to store: the client's values for the fields this role may
 * write, the server's (or initial) values for the rest. A visible field the
 * role may not write must come back unchanged; server-owned and hidden
 * fields are silently kept, since clients legitimately hold stale copies.
 */
export function mergePush(kind: Kind, access: KindAccess, incoming: Doc, current: Doc | undefined): Merge {
  const entity = entities[kind];
  const writable = access.push?.writable ?? new Set<string>();
  const serverOwned = new Set<string>(entity.serverOwned);
  const immutable = immutableFields(kind);
  const doc: Doc = {};
  const forbidden: FieldProblem[] = [];
  const frozen: FieldProblem[] = [];
  for (const field of entity.fields) {
    const kept = current ? current[field] : initialValue(kind, field);
    const value = writable.has(field) ? incoming[field] : kept;
    if (
      !writable.has(field) &&
      !serverOwned.has(field) &&
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
