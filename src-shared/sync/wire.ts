import { z } from 'zod';
import { entities, type Kind } from '../domain/registry';
import { id } from '../domain/fields';
import { collectionLayout, collectionNames, type CollectionName } from '../storage/layout';
import { expectedId } from '../storage/stored-doc';

/*
 * The sync wire contract, shared by the server (route validation) and the
 * client (replication handlers). Documents travel in stored form:
 * `{ pk, kind, ...entity fields, _deleted }`, without the index padding a
 * device's storage adds (stored-doc.ts): only entity values cross the wire.
 */

export const MAX_PULL_LIMIT = 2000;
export const DEFAULT_PULL_LIMIT = 200;
export const MAX_PUSH_ROWS = 500;

/**
 * A position in the server's commit-ordered change log: every document
 * changed after it has a greater `seq`. One number serves every collection,
 * including those merged from several tables.
 */
export const Checkpoint = z.strictObject({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export type Checkpoint = z.infer<typeof Checkpoint>;

const limit = z.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT);

/**
 * A whole number in a query string, read strictly: plain decimal digits only
 * (no sign, hex, exponent, whitespace, fraction or empty string, all of which
 * Number() would take), then range-checked as a number.
 */
const queryInteger = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number in plain decimal digits')
    .transform(Number)
    .pipe(z.number().min(min).max(max)); // digits only: a whole number already

/** GET /sync/:collection/pull?checkpoint=<seq>&limit=<n> */
export const PullQuery = z.strictObject({
  checkpoint: queryInteger(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: queryInteger(1, MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

/** POST /sync/:collection/pull */
export const PullBody = z.strictObject({ checkpoint: Checkpoint.nullish(), limit });

export type WireDoc = Record<string, unknown> & { pk: string; kind: Kind; _deleted: boolean };

/**
 * A row that left the receiver's pull scope (an interview reassigned, an
 * assessment unpublished, a proctor deactivated): the receiver removes its
 * copy locally, and never pushes that removal back. It carries nothing of
 * the row but its key, which the receiver was allowed to see.
 */
export type Withdrawal = { pk: string; kind: Kind; _deleted: true; _withdrawn: true };

export const withdrawal = (kind: Kind, pk: string): Withdrawal => ({ pk, kind, _deleted: true, _withdrawn: true });

export const isWithdrawal = (doc: Record<string, unknown>): doc is Withdrawal => doc._withdrawn === true;

export interface PullResponse {
  documents: WireDoc[];
  checkpoint: Checkpoint | null;
}

// NUL cannot be stored in PostgreSQL text or jsonb, and a lone surrogate
// cannot be encoded as UTF-8: either would be silently altered or refused
// deep in the database, so they are refused up front with the field named.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NUL = String.fromCharCode(0);

function checkStorableStrings(value: unknown, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (typeof value === 'string') {
    if (value.includes(NUL) || LONE_SURROGATE.test(value)) {
      ctx.addIssue({ code: 'custom', path, message: 'must not contain NUL characters or unpaired surrogates' });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkStorableStrings(item, [...path, i], ctx));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      checkStorableStrings(key, path, ctx);
      checkStorableStrings(item, [...path, key], ctx);
    }
  }
}

const wireDocs = new Map<Kind, z.ZodType>();

/** A whole document of one kind as it travels: the entity's fields plus pk, kind and _deleted. */
export function wireDocOfKind(kind: Kind) {
  let schema = wireDocs.get(kind);
  if (!schema) {
    const entity = entities[kind];
    schema = z
      .strictObject({ ...entity.shape, pk: id(), kind: z.literal(kind), _deleted: z.boolean() })
      .superRefine((doc, ctx) => {
        checkStorableStrings(doc, [], ctx);
        const record = doc as Record<string, unknown>;
        if (record.pk !== record[entity.idField]) {
          ctx.addIssue({ code: 'custom', path: ['pk'], message: `must equal ${entity.idField}` });
        }
        const expected = expectedId(kind, record as never);
        if (expected !== undefined && record[entity.idField] !== expected) {
          ctx.addIssue({
            code: 'custom',
            path: [entity.idField],
            message: `must be "${expected}", derived from (${entity.uniqueBy.join(', ')}) so that they stay unique`,
          });
        }
        (entity.refine as ((d: unknown, c: z.RefinementCtx) => void) | undefined)?.(doc, ctx);
      });
    wireDocs.set(kind, schema);
  }
  return schema;
}

/** Any document of a collection, told apart by `kind`. */
export function wireDocOf(collection: CollectionName) {
  const kinds = collectionLayout[collection].kinds as readonly Kind[];
  const options = kinds.map((kind) => wireDocOfKind(kind)) as unknown as [z.ZodObject, ...z.ZodObject[]];
  return options.length === 1 ? options[0] : z.discriminatedUnion('kind', options);
}

/**
 * The client's previous copy of a document. Only compared, never stored, so
 * it is checked just for shape: an older copy may predate today's rules.
 */
export const AssumedMasterState = z.looseObject({
  pk: id(),
  kind: z.string().max(40),
  _deleted: z.boolean().optional(),
});

export function pushBodyOf(collection: CollectionName) {
  return z
    .array(
      z.strictObject({
        assumedMasterState: AssumedMasterState.nullish(),
        newDocumentState: wireDocOf(collection),
      }),
    )
    .max(MAX_PUSH_ROWS);
}

export interface PushRow {
  assumedMasterState?: Record<string, unknown> | null;
  newDocumentState: WireDoc;
}

export const CollectionParam = z.strictObject({ collection: z.enum(collectionNames) });

/** A live change on the multiplexed stream (SSE event "change"). */
export interface StreamChange {
  collection: CollectionName;
  documents: WireDoc[];
  checkpoint: Checkpoint;
}

/** Sent when a stream (re)connects: every collection must pull from its checkpoint again. */
export const RESYNC = 'RESYNC' as const;

export const StreamChangeSchema = z.strictObject({
  collection: z.enum(collectionNames),
  documents: z.array(z.looseObject({ pk: z.string(), kind: z.string(), _deleted: z.boolean() })),
  checkpoint: Checkpoint,
});

/** Body of every 4xx/5xx response. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** For 400: each offending field, with the rule it broke. */
  errors?: { field: string; rule: string; message: string }[];
}
