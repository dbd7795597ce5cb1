import type { MangoQuerySelector, MangoQuerySortPart, RxCollection, RxDocument } from 'rxdb';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { entities, type CreateInput, type Doc, type Kind, type UpdateInput } from '@shared/domain/registry';
import { randomId } from '@shared/domain/ids';
import {
  DomainValidationError,
  assertCollectionOf,
  entityFields,
  expectedId,
  toStored,
  validateStored,
  type FieldError,
  type Stored,
} from '@shared/storage/stored-doc';
import { collectionLayout } from '@shared/storage/layout';
import { collectionOf, type AppDatabase } from './database';
import { fieldErrorsOf, type IssueLike } from '@shared/domain/field-errors';

/*
 * One typed entry point per entity, whichever collection it lives in. Screens
 * and workflows use this, never raw collections, so the layout can change
 * without touching them.
 */

export interface FindOptions<K extends Kind> {
  selector?: MangoQuerySelector<Doc<K>>;
  sort?: MangoQuerySortPart<Doc<K>>[];
  limit?: number;
  skip?: number;
}

const fieldErrors = (error: { issues: readonly IssueLike[] }): FieldError[] => fieldErrorsOf(error.issues);

function rethrowStorageError(kind: Kind, error: unknown): never {
  const e = error as {
    code?: string;
    parameters?: { writeError?: { status?: number; validationErrors?: FieldError[] } };
  };
  const writeError = e.parameters?.writeError;
  if (writeError?.status === 422 && writeError.validationErrors)
    throw new DomainValidationError(kind, writeError.validationErrors);
  if (e.code === 'CONFLICT' || writeError?.status === 409) {
    const entity = entities[kind];
    const rule = entity.uniqueBy.length
      ? `(${entity.uniqueBy.join(', ')}) must be unique`
      : `${entity.idField} must be unique`;
    throw new DomainValidationError(kind, [
      { field: entity.uniqueBy[0] ?? entity.idField, rule: 'unique', message: rule },
    ]);
  }
  throw error;
}

export class Repository<K extends Kind> {
  private readonly entity;
  private readonly collection;
  /** Only collections holding several kinds need `kind` in every query. */
  private readonly kindSelector: { kind?: K };

  constructor(
    private readonly db: AppDatabase,
    readonly kind: K,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.entity = entities[kind];
    const collection = assertCollectionOf(kind);
    this.collection = collectionOf(db, collection) as unknown as RxCollection<Stored<K>>;
    this.kindSelector = collectionLayout[collection].kinds.length > 1 ? { kind } : {};
  }

  /** Validates a create request, fills the id, timestamps and defaults, and stores it. */
  async create(input: CreateInput<K>): Promise<Doc<K>> {
    const parsed = this.entity.create.safeParse(input);
    if (!parsed.success) throw new DomainValidationError(this.kind, fieldErrors(parsed.error));
    const stamp = this.now().toISOString();
    const draft: Record<string, unknown> = {
      ...structuredClone(this.entity.defaults),
      ...(parsed.data as Record<string, unknown>),
      created_at: stamp,
      updated_at: stamp,
    };
    draft[this.entity.idField] = expectedId(this.kind, draft as Partial<Doc<K>>) ?? randomId();
    return this.insertDocument(draft as Doc<K>);
  }

  /** Stores a complete document as given (seed data, imports); refused if invalid. */
  async insertDocument(doc: Doc<K>): Promise<Doc<K>> {
    const stored = toStored(this.kind, doc);
    this.assertValid(stored);
    try {
      const written = await this.collection.insert(stored as never);
      return this.toDoc(written);
    } catch (error) {
      rethrowStorageError(this.kind, error);
    }
  }

  async bulkInsertDocuments(docs: readonly Doc<K>[]): Promise<void> {
    const stored = docs.map((d) => toStored(this.kind, d));
    for (const s of stored) this.assertValid(s);
    const result = await this.collection.bulkInsert(stored as never[]);
    if (result.error.length) rethrowStorageError(this.kind, { parameters: { writeError: result.error[0] } });
  }

  /** Applies a partial update; fields outside the update validator are refused. */
  async update(id: string, patch: UpdateInput<K>): Promise<Doc<K>> {
    const parsed = this.entity.update.safeParse(patch);
    if (!parsed.success) throw new DomainValidationError(this.kind, fieldErrors(parsed.error));
    const current = await this.collection.findOne(id).exec();
    if (!current || (current as unknown as { kind: string }).kind !== this.kind) {
      throw new DomainValidationError(this.kind, [
        { field: this.entity.idField, rule: 'not_found', message: `no ${this.kind} with id ${id}` },
      ]);
    }
    const changes = Object.fromEntries(Object.entries(parsed.data as object).filter(([, v]) => v !== undefined));
    try {
      const written = await current.incrementalModify((doc) => {
        const next = { ...doc, ...changes, updated_at: this.now().toISOString() } as Stored<K>;
        this.assertValid(next);
        return next;
      });
      return this.toDoc(written);
    } catch (error) {
      if (error instanceof DomainValidationError) throw error;
      rethrowStorageError(this.kind, error);
    }
  }

  async get(id: string): Promise<Doc<K> | undefined> {
    const doc = await this.collection.findOne(id).exec();
    return doc && (doc as unknown as { kind: string }).kind === this.kind ? this.toDoc(doc) : undefined;
  }

  async find(options: FindOptions<K> = {}): Promise<Doc<K>[]> {
    const docs = await this.query(options).exec();
    return docs.map((d) => this.toDoc(d));
  }

  /** A live query: emits again whenever a matching document changes. */
  find$(options: FindOptions<K> = {}): Observable<Doc<K>[]> {
    return this.query(options).$.pipe(map((docs) => docs.map((d) => this.toDoc(d))));
  }

  async count(selector: MangoQuerySelector<Doc<K>> = {}): Promise<number> {
    return this.collection.count({ selector: { ...selector, ...this.kindSelector } as never }).exec();
  }

  /** Soft delete: the tombstone replicates, so other devices drop the row too. */
  async remove(id: string): Promise<void> {
    const doc = await this.collection.findOne(id).exec();
    if (doc && (doc as unknown as { kind: string }).kind === this.kind) await doc.remove();
  }

  /** The RxDB document, for `populate()` on `ref` fields. */
  async rxDocument(id: string): Promise<RxDocument<Stored<K>> | null> {
    return this.collection.findOne(id).exec();
  }

  private query(options: FindOptions<K>) {
    // RxDB refuses queries holding `undefined` values (QU19), so absent options are left out.
    return this.collection.find({
      selector: { ...(options.selector ?? {}), ...this.kindSelector } as never,
      ...(options.sort ? { sort: options.sort as never } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.skip !== undefined ? { skip: options.skip } : {}),
    });
  }

  private assertValid(stored: Stored<K>) {
    const errors = validateStored(assertCollectionOf(this.kind), stored as Record<string, unknown>);
    if (errors.length) throw new DomainValidationError(this.kind, errors);
  }

  private toDoc(doc: RxDocument<Stored<K>>): Doc<K> {
    return entityFields(doc.toJSON() as Record<string, unknown>) as Doc<K>;
  }
}

export function repo<K extends Kind>(db: AppDatabase, kind: K, now?: () => Date): Repository<K> {
  return new Repository(db, kind, now);
}
