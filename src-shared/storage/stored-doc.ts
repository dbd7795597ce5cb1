import { derivedId, normaliseEmail, normaliseName } from '../domain/ids';
import { entities, isKind, type Doc, type Kind } from '../domain/registry';
import { collectionLayout, collectionFor, type CollectionName } from './layout';
import { collectionVersion, entityJsonSchema, fieldsAddedAfter, rxSchemaFor } from './rx-schema';
import { fieldErrorsOf, type FieldError } from '../domain/field-errors';

/*
 * A stored document is the entity's own fields plus `pk` (the RxDB primary
 * key, always equal to the entity's id) and `kind`. Validation here is what
 * the storage wrapper runs on every write, so nothing invalid reaches disk,
 * whichever code path wrote it.
 */

export type Stored<K extends Kind> = Doc<K> & { pk: string; kind: K };

export type { FieldError };

export class DomainValidationError extends Error {
  constructor(
    readonly kind: string,
    readonly errors: FieldError[],
  ) {
    super(`Invalid ${kind}: ${errors.map((e) => `${e.field || '(document)'}: ${e.message} [${e.rule}]`).join('; ')}`);
    this.name = 'DomainValidationError';
  }
}

const ID_PREFIX: Partial<Record<Kind, string>> = {
  user: 'usr',
  refresh_token: 'rtk',
  answer: 'ans',
  assessment_application: 'app',
  assessment_token: 'tok',
  interview_feedback: 'fbk',
  skill: 'skl',
  role: 'rol',
  admin_settings: 'adm',
};

function normalisedPart(field: string, value: unknown): string {
  const text = String(value ?? '');
  if (field === 'email') return normaliseEmail(text);
  if (field === 'name') return normaliseName(text);
  return text;
}

/** The id a kind with a unique constraint must have, or undefined for free ids. */
export function expectedId<K extends Kind>(kind: K, doc: Partial<Doc<K>>): string | undefined {
  const entity = entities[kind];
  if (!entity.uniqueBy.length) return undefined;
  const record = doc as Record<string, unknown>;
  return derivedId(
    ID_PREFIX[kind] ?? kind,
    entity.uniqueBy.map((f) => normalisedPart(f, record[f])),
  );
}

const META_FIELDS = ['_deleted', '_rev', '_meta', '_attachments', 'pk', 'kind'];

/*
 * Index padding. IndexedDB leaves a record out of an index when the indexed
 * value is missing, so a query answered from that index would silently miss
 * it (a job description has no question_set_id, a session may have no
 * user_id). Every indexed field is therefore present in every stored
 * document: where the entity has no value, the stored form holds a padding
 * value that the entity's own schema can never hold ('' for ids and dates,
 * false for flags), and reading a document strips it again.
 */
const paddingCache = new Map<Kind, ReadonlyMap<string, unknown>>();

export function indexPadding(kind: Kind): ReadonlyMap<string, unknown> {
  let padding = paddingCache.get(kind);
  if (!padding) {
    const collection = collectionFor(kind);
    const map = new Map<string, unknown>();
    if (collection) {
      const schema = rxSchemaFor(collection);
      const requiredByKind = new Set(entityJsonSchema(kind).required);
      for (const field of new Set(schema.indexes.flat())) {
        if (field === 'pk' || field === 'kind' || requiredByKind.has(field)) continue;
        const type = schema.properties[field]?.type;
        map.set(
          field,
          type === 'boolean'
            ? false
            : type === 'number' || type === 'integer'
              ? (schema.properties[field]?.minimum ?? 0)
              : '',
        );
      }
    }
    padding = map;
    paddingCache.set(kind, padding);
  }
  return padding;
}

/** Strips RxDB's and the layout's bookkeeping, leaving the entity's own fields. */
export function entityFields(stored: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) if (!META_FIELDS.includes(key)) out[key] = value;
  if (isKind(stored.kind)) {
    const shape = entities[stored.kind].shape as Record<string, unknown>;
    for (const [field, pad] of indexPadding(stored.kind)) {
      if (!(field in shape) || out[field] === pad) delete out[field];
    }
  }
  return out;
}

/** Adds the index padding a stored document needs; documents from the wire pass through this too. */
export function withIndexPadding<T extends Record<string, unknown>>(stored: T): T {
  if (!isKind(stored.kind)) return stored;
  let out = stored;
  for (const [field, pad] of indexPadding(stored.kind)) {
    if (out[field] === undefined) {
      if (out === stored) out = { ...stored };
      (out as Record<string, unknown>)[field] = pad;
    }
  }
  return out;
}

function paddingErrors(kind: Kind, stored: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const shape = entities[kind].shape as Record<string, unknown>;
  for (const [field, pad] of indexPadding(kind)) {
    if (stored[field] === undefined) {
      errors.push({
        field,
        rule: 'index_padding',
        message: `must be present in stored form (${JSON.stringify(pad)} when the entity has no value)`,
      });
    } else if (!(field in shape) && stored[field] !== pad) {
      errors.push({ field, rule: 'unrecognized_keys', message: `is not a field of ${kind}` });
    }
  }
  return errors;
}

/**
 * Validates a stored document of a collection at its current version.
 * Returns an empty list when the document is valid.
 */
export function validateStored(collection: CollectionName, stored: Record<string, unknown>): FieldError[] {
  const kind = stored.kind;
  const layout = collectionLayout[collection];
  if (!isKind(kind) || !(layout.kinds as readonly string[]).includes(kind)) {
    return [{ field: 'kind', rule: 'invalid_value', message: `must be one of ${layout.kinds.join(', ')}` }];
  }
  const entity = entities[kind];
  const result = entity.document.safeParse(entityFields(stored));
  const errors = result.success ? [] : fieldErrorsOf(result.error.issues);
  errors.push(...paddingErrors(kind, stored));
  const id = stored[entity.idField];
  if (stored.pk !== id) errors.push({ field: 'pk', rule: 'primary_key', message: `must equal ${entity.idField}` });
  const expected = expectedId(kind, stored as Partial<Doc<typeof kind>>);
  if (result.success && expected !== undefined && id !== expected) {
    errors.push({
      field: entity.idField,
      rule: 'derived_id',
      message: `must be "${expected}", derived from (${entity.uniqueBy.join(', ')}) so that they stay unique`,
    });
  }
  return errors;
}

/** Builds the stored form of a valid entity document. */
export function toStored<K extends Kind>(kind: K, doc: Doc<K>): Stored<K> {
  const id = (doc as Record<string, unknown>)[entities[kind].idField] as string;
  return withIndexPadding({ ...doc, pk: id, kind }) as Stored<K>;
}

/** Validates a document written by an older schema version: it must match the current schema minus later fields. */
export function validateStoredAtVersion(
  collection: CollectionName,
  version: number,
  stored: Record<string, unknown>,
): FieldError[] {
  if (version === collectionVersion(collection)) return validateStored(collection, stored);
  const added = fieldsAddedAfter(collection, version).get(stored.kind as Kind);
  const errors = validateStored(collection, stored);
  return errors.filter((e) => !added?.has(e.field.split('.')[0]!));
}

export function assertCollectionOf(kind: Kind): CollectionName {
  const collection = collectionFor(kind);
  if (!collection) throw new Error(`${kind} is a server-only entity: it has no collection on a device`);
  return collection;
}
