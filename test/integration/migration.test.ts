import { describe, expect, it } from 'vitest';
import { collectionLayout, collectionNames, type CollectionName } from '../../src-shared/storage/layout';
import { collectionVersion, rxSchemaFor } from '../../src-shared/storage/rx-schema';
import { entityFields, toStored } from '../../src-shared/storage/stored-doc';
import { openDatabase } from '../../src-renderer/db/database';
import { memoryStorage } from '../../src-renderer/db/storage';
import { repo } from '../../src-renderer/db/repository';
import { seed } from './helpers';

/** A seed document as a client on an older version would have written it. */
function asWrittenAt(collection: CollectionName, version: number, doc: Record<string, unknown>) {
  const old = { ...doc };
  for (const step of collectionLayout[collection].history.slice(version)) {
    if (step.kind === doc.kind) for (const field of Object.keys(step.added)) delete old[field];
  }
  return old;
}

const evolved = collectionNames.filter((c) => collectionVersion(c) > 0);

describe('schema evolution', () => {
  it('gives every collection a version and a strategy for each step', () => {
    for (const name of collectionNames) expect(rxSchemaFor(name).version).toBe(collectionLayout[name].history.length);
    expect(evolved).toEqual(expect.arrayContaining(['users', 'test_sessions']));
  });

  it('derives older schemas by leaving out the fields later steps added', () => {
    const v0 = rxSchemaFor('users', 0);
    expect(v0.version).toBe(0);
    expect(Object.keys(v0.properties)).not.toContain('login_streak');
    expect(Object.keys(rxSchemaFor('users').properties)).toContain('login_streak');
  });

  it.each(evolved)(
    'brings %s documents written with the oldest schema through migration intact',
    async (collection) => {
      const name = `migrate-${collection}-${Math.random().toString(36).slice(2, 8)}`;
      const storage = memoryStorage();
      const kinds = collectionLayout[collection].kinds;
      const originals = kinds.flatMap((k) =>
        (seed.docs[k] ?? []).map((d) => toStored(k, d as never) as Record<string, unknown>),
      );
      expect(originals.length).toBeGreaterThan(0);

      const oldDb = await openDatabase({
        name,
        storage,
        collections: [collection],
        versions: { [collection]: 0 },
        devMode: true,
      });
      const written = originals.map((d) => asWrittenAt(collection, 0, d));
      const result = await oldDb.collections[collection].bulkInsert(written as never[]);
      expect(result.error).toEqual([]);
      await oldDb.close();

      const newDb = await openDatabase({ name, storage, collections: [collection], devMode: true });
      for (const kind of kinds) {
        const migrated = await repo(newDb, kind).find();
        const expected = (seed.docs[kind] ?? []).map((d) => {
          const old = entityFields(asWrittenAt(collection, 0, toStored(kind, d as never) as Record<string, unknown>));
          // Each step's documented value fills what the old client never wrote.
          for (const step of collectionLayout[collection].history) {
            if (step.kind !== kind) continue;
            for (const [f, v] of Object.entries(step.added)) if (v !== undefined) old[f] = v;
          }
          return old;
        });
        const byId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
          String(a.created_at + JSON.stringify(a)).localeCompare(String(b.created_at + JSON.stringify(b)));
        expect([...(migrated as Record<string, unknown>[])].sort(byId)).toEqual([...expected].sort(byId));
      }
      await newDb.close();
    },
  );

  it('refuses an old document that was already invalid, instead of carrying it forward', async () => {
    const name = `migrate-invalid-${Math.random().toString(36).slice(2, 8)}`;
    const oldDb = await openDatabase({
      name,
      storage: memoryStorage(),
      collections: ['users'],
      versions: { users: 0 },
      devMode: true,
    });
    const user = asWrittenAt('users', 0, toStored('user', seed.docs.user![0]!) as Record<string, unknown>);
    await expect(oldDb.collections.users.insert({ ...user, role: 'wizard' } as never)).rejects.toMatchObject({
      code: 'VD2',
    });
    await oldDb.close();
  });
});
