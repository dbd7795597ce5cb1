import { z } from 'zod';

/*
 * An entity is written once, as a zod object shape. Everything else derives
 * from it: the TypeScript type (z.infer), the stored-document validator, the
 * create/update/response validators (the reference's Pydantic schemas), the
 * RxDB JSON schema (storage/rx-schema.ts) and the server's SQL table.
 */

export interface EntityOptions<Shape extends z.ZodRawShape, Name extends string> {
  /** Singular snake_case name; also the `kind` stored with each document. */
  name: Name;
  /** The identity field, named as the reference names it (`session_id`, `jd_id`, or `id`). */
  idField: keyof Shape & string;
  shape: Shape;
  /** Values a create request may omit. */
  defaults?: Partial<{ [K in keyof Shape]: z.input<Shape[K]> }>;
  /**
   * Fields only the server computes (scores, metrics). Create/update
   * validators do not accept them; the sync server ignores pushed values.
   */
  serverOwned?: readonly (keyof Shape & string)[];
  /**
   * Fields a device fills in at creation, so that it can work offline, but
   * which the sync server derives from other rows and keeps afterwards (a
   * session's question list, from its assessment): the server decides them,
   * whatever was pushed. Create validators accept them; update validators
   * do not.
   */
  serverDerived?: readonly (keyof Shape & string)[];
  /** Fields that never leave the server (password hashes). */
  secret?: readonly (keyof Shape & string)[];
  /** Fields that cannot change once created, besides the id. */
  immutable?: readonly (keyof Shape & string)[];
  /**
   * A unique constraint enforced by construction: the id is derived from
   * these fields (see ids.ts), so two documents that would break the
   * constraint collide on the primary key, which storage refuses.
   */
  uniqueBy?: readonly (keyof Shape & string)[];
  /** Cross-field rules that a JSON schema cannot express. */
  refine?: (doc: z.infer<z.ZodObject<Shape>>, ctx: z.RefinementCtx) => void;
}

export type Entity<Shape extends z.ZodRawShape = z.ZodRawShape, Name extends string = string> = ReturnType<
  typeof defineEntity<Shape, Name>
>;

function withRefinement<T extends z.ZodType>(schema: T, refine?: (doc: never, ctx: z.RefinementCtx) => void): T {
  return (refine ? schema.superRefine(refine as never) : schema) as T;
}

export function defineEntity<const Shape extends z.ZodRawShape, const Name extends string>(
  opts: EntityOptions<Shape, Name>,
) {
  const base = z.strictObject(opts.shape);
  const serverOwned = opts.serverOwned ?? [];
  const serverDerived = opts.serverDerived ?? [];
  const secret = opts.secret ?? [];
  const generated = [opts.idField, 'created_at', 'updated_at'] as const;
  const derivedKeys = opts.uniqueBy ?? [];

  /** A stored document: every required field present, nothing unknown. */
  const document = withRefinement(base, opts.refine);

  const createShape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(opts.shape) as [string, z.ZodType][]) {
    if ((generated as readonly string[]).includes(key)) continue;
    if ((serverOwned as readonly string[]).includes(key)) continue;
    if ((secret as readonly string[]).includes(key)) continue;
    const def = (opts.defaults as Record<string, unknown> | undefined)?.[key];
    createShape[key] = def !== undefined ? (field as z.ZodType).default(def as never) : field;
  }
  /** A create request: the id and timestamps are generated, defaults filled in. */
  const create = z.strictObject(createShape);

  const frozen = new Set<string>([...(opts.immutable ?? []), ...derivedKeys, ...serverDerived]);
  const updateShape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(createShape)) {
    if (frozen.has(key)) continue;
    // Strip defaults so a partial update never resets a field it did not name.
    const inner = field instanceof z.ZodDefault ? (field.def.innerType as z.ZodType) : field;
    updateShape[key] = inner.optional();
  }
  /** An update request: a partial patch of the fields a client may change. */
  const update = z.strictObject(updateShape);

  /** What leaves the server: everything but secrets. */
  const response = secret.length ? base.omit(Object.fromEntries(secret.map((k) => [k, true])) as never) : base;

  return {
    name: opts.name,
    idField: opts.idField,
    shape: opts.shape,
    document,
    create,
    update,
    response,
    /** Initial values, including those of server-owned fields a client may not send. */
    defaults: (opts.defaults ?? {}) as Readonly<Record<string, unknown>>,
    serverOwned,
    serverDerived,
    /** Every field the server decides rather than takes from a client: server-owned and server-derived. */
    serverDecided: [...serverOwned, ...serverDerived] as readonly (keyof Shape & string)[],
    secret,
    uniqueBy: derivedKeys,
    fields: Object.keys(opts.shape) as (keyof Shape & string)[],
    refine: opts.refine,
  };
}

export type EntityDoc<E extends { document: z.ZodType }> = z.infer<E['document']>;
