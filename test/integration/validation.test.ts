import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities, type Kind } from '../../src-shared/domain/registry';
import { collectionFor, collectionLayout, collectionNames } from '../../src-shared/storage/layout';
import { toStored } from '../../src-shared/storage/stored-doc';
import type { AppDatabase } from '../../src-renderer/db/database';
import { repo } from '../../src-renderer/db/repository';
import { firstSeeded, freshDb } from './helpers';

let db: AppDatabase;
beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.close());

/** The storage's own refusal, as any code path (replication included) would meet it. */
async function rawInsertErrors(kind: Kind, doc: Record<string, unknown>) {
  const collection = collectionFor(kind)!;
  const target = db.collections[collection] as unknown as { insert(d: unknown): Promise<unknown> };
  type Refusal = { parameters?: { writeError?: { validationErrors?: { field: string; rule: string }[] } } };
  const error = await target.insert(toStored(kind, doc as never)).then(
    () => undefined,
    (e: Refusal) => e,
  );
  return error?.parameters?.writeError?.validationErrors ?? [];
}

function firstEnumField(kind: Kind): string | undefined {
  return Object.entries(entities[kind].shape).find(
    ([, s]) => (s as { def?: { type?: string } }).def?.type === 'enum',
  )?.[0];
}

const clientKinds = collectionNames.flatMap((c) => [...collectionLayout[c].kinds]);

describe.each(clientKinds)('%s documents', (kind) => {
  it('are refused when a required field is missing, naming the field and the rule', async () => {
    const doc = firstSeeded(kind) as Record<string, unknown>;
    delete doc.created_at;
    expect(await rawInsertErrors(kind, doc)).toContainEqual(
      expect.objectContaining({ field: 'created_at', rule: 'invalid_type' }),
    );
  });

  it('are refused with an unknown field', async () => {
    const doc = { ...(firstSeeded(kind) as Record<string, unknown>), shoe_size: 44 };
    expect(await rawInsertErrors(kind, doc)).toContainEqual(expect.objectContaining({ rule: 'unrecognized_keys' }));
  });

  it('accept only values from their closed enums', async () => {
    const field = firstEnumField(kind);
    if (!field) return; // this kind has no enum field (asserted below for the ones that must)
    const doc = { ...(firstSeeded(kind) as Record<string, unknown>), [field]: 'not-a-member' };
    expect(await rawInsertErrors(kind, doc)).toContainEqual(expect.objectContaining({ field, rule: 'invalid_value' }));
  });

  it('are stored when valid, and nothing invalid reached the collection', async () => {
    const doc = firstSeeded(kind);
    await repo(db, kind).insertDocument(doc as never);
    const id = (doc as Record<string, unknown>)[entities[kind].idField] as string;
    expect(await repo(db, kind).get(id)).toEqual(doc);
    expect(await repo(db, kind).count()).toBe(1);
  });
});

describe('enums', () => {
  it('exist on the kinds the reference gives enums to', () => {
    for (const kind of [
      'user',
      'job_requisition',
      'interview_session',
      'proctoring_event',
      'notification',
      'assessment_application',
    ] as const) {
      expect(firstEnumField(kind), kind).toBeDefined();
    }
  });
});

describe('cross-field rules', () => {
  it('refuse a question linked to both a question set and a job description', async () => {
    const doc = { ...firstSeeded('question'), jd_id: 'some-jd' };
    expect(await rawInsertErrors('question', doc)).toContainEqual(
      expect.objectContaining({ field: 'question_set_id', rule: 'rule' }),
    );
  });

  it('refuse a correct answer that is not one of the options', async () => {
    const doc = { ...firstSeeded('question'), correct_answer: 'Z' };
    expect(await rawInsertErrors('question', doc)).toContainEqual(expect.objectContaining({ field: 'correct_answer' }));
  });

  it('refuse a salary range that is upside down', async () => {
    const doc = { ...firstSeeded('job_requisition'), min_salary: 100, max_salary: 50 };
    expect(await rawInsertErrors('job_requisition', doc)).toContainEqual(
      expect.objectContaining({ field: 'max_salary' }),
    );
  });
});
