import { z } from 'zod';
import { entities, type Kind } from '../domain/registry';
import { ID_MAX } from '../domain/fields';
import { collectionLayout, type CollectionName } from './layout';

/*
 * Derives each collection's RxDB JSON schema from the entity schemas. RxDB
 * uses it for the primary key, indexes and `ref` population; field-level
 * validation is done by the entities' own validators (storage/validator.ts),
 * so the JSON here keeps only what RxDB reads.
 */

export interface RxJsonSchemaLike {
  title: string;
  version: number;
  primaryKey: 'pk';
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  indexes: (string | string[])[];
}

const KEPT_KEYWORDS = [
  'type',
  'maxLength',
  'minLength',
  'minimum',
  'maximum',
  'multipleOf',
  'enum',
  'ref',
  'format',
  'maxItems',
];

function slimProperty(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEPT_KEYWORDS) if (key in schema) out[key] = schema[key];
  // RxDB needs a maxLength on any indexed string; an enum's longest value is exact.
  if (Array.isArray(schema.enum) && out.maxLength === undefined) {
    out.maxLength = Math.max(...schema.enum.map((v) => String(v).length));
  }
  if (schema.type === 'array' && schema.items && typeof schema.items === 'object' && !('$ref' in schema.items)) {
    out.items = slimProperty(schema.items as Record<string, unknown>);
  }
  if (typeof schema.items_ref === 'string') out.items = { ...(out.items as object), ref: schema.items_ref };
  return out;
}

const jsonCache = new Map<Kind, { properties: Record<string, Record<string, unknown>>; required: string[] }>();

/** The entity's stored-document schema as JSON (zod's own conversion, slimmed). */
export function entityJsonSchema(kind: Kind) {
  let cached = jsonCache.get(kind);
  if (!cached) {
    const json = z.toJSONSchema(entities[kind].document, { io: 'output', unrepresentable: 'any' }) as {
      properties: Record<string, Record<string, unknown>>;
      required?: string[];
    };
    const properties: Record<string, Record<string, unknown>> = {};
    for (const [name, prop] of Object.entries(json.properties)) properties[name] = slimProperty(prop);
    cached = { properties, required: json.required ?? [] };
    jsonCache.set(kind, cached);
  }
  return cached;
}

/** Fields each version of a collection leaves out: those added by later steps. */
export function fieldsAddedAfter(collection: CollectionName, version: number): Map<Kind, Set<string>> {
  const out = new Map<Kind, Set<string>>();
  collectionLayout[collection].history.slice(version).forEach((step) => {
    const set = out.get(step.kind) ?? new Set<string>();
    for (const field of Object.keys(step.added)) set.add(field);
    out.set(step.kind, set);
  });
  return out;
}

export function collectionVersion(collection: CollectionName): number {
  return collectionLayout[collection].history.length;
}

const LOOSEST: Record<string, (a: number, b: number) => number> = {
  maxLength: Math.max,
  maxItems: Math.max,
  maximum: Math.max,
  minLength: Math.min,
  minimum: Math.min,
};

/**
 * Two kinds in one collection may define a field differently (an id in one,
 * a reference in another). The merged definition admits both; each document
 * is still validated against its own kind's schema.
 */
function mergeProperty(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  if (a.type !== b.type) return {};
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const [x, y] = [a[key], b[key]];
    if (x === undefined || y === undefined) {
      if (key === 'ref' || key === 'items') out[key] = x ?? y;
      continue;
    }
    if (JSON.stringify(x) === JSON.stringify(y)) out[key] = x;
    else if (LOOSEST[key]) out[key] = LOOSEST[key](x as number, y as number);
    else if (key === 'enum') out[key] = [...new Set([...(x as unknown[]), ...(y as unknown[])])];
  }
  return out;
}

/**
 * The RxDB schema of a collection at a given version (the current one by
 * default). Several kinds merge into one set of properties; a field two kinds
 * define differently keeps only what both agree on, which is safe because each
 * document is still validated against its own kind's schema.
 */
export function rxSchemaFor(collection: CollectionName, version = collectionVersion(collection)): RxJsonSchemaLike {
  const layout = collectionLayout[collection];
  const grouped = layout.kinds.length > 1;
  const omitted = fieldsAddedAfter(collection, version);
  const properties: Record<string, Record<string, unknown>> = {
    pk: { type: 'string', maxLength: ID_MAX },
    kind: { type: 'string', enum: [...layout.kinds], maxLength: 40 },
  };
  const requiredByAll = new Map<string, number>();

  for (const kind of layout.kinds) {
    const json = entityJsonSchema(kind);
    const skip = omitted.get(kind) ?? new Set<string>();
    for (const [name, prop] of Object.entries(json.properties)) {
      if (skip.has(name)) continue;
      const existing = properties[name];
      properties[name] = existing ? mergeProperty(existing, prop) : prop;
    }
    for (const name of json.required) {
      if (!skip.has(name)) requiredByAll.set(name, (requiredByAll.get(name) ?? 0) + 1);
    }
  }

  const indexes = layout.indexes.map((index) => {
    const fields = typeof index === 'string' ? [index] : [...index];
    return grouped ? ['kind', ...fields] : fields.length === 1 ? fields[0]! : fields;
  });
  const required = ['pk', 'kind'];
  for (const [name, n] of requiredByAll) if (n === layout.kinds.length) required.push(name);
  // IndexedDB leaves a record out of an index when the indexed value is
  // missing, so every indexed field is present in every stored document:
  // kinds that lack it, or leave it optional, store a padding value instead
  // (see indexPadding in stored-doc.ts).
  required.push(...indexes.flat().filter((field) => field in properties));
  return {
    title: collection,
    version,
    primaryKey: 'pk',
    type: 'object',
    properties,
    required: [...new Set(required)],
    indexes,
  };
}
