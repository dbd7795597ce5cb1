import type { Kind } from '@shared/domain/registry';
import { collectionFor } from '@shared/storage/layout';
import type { Seed } from '@shared/seed/build-seed';
import type { AppDatabase } from './database';
import { repo } from './repository';

/**
 * Loads demo data into the collections this window has open. Server-only
 * kinds in the seed are skipped: they never live on a device.
 */
export async function importSeed(db: AppDatabase, seed: Seed): Promise<{ inserted: number }> {
  let inserted = 0;
  for (const [kind, docs] of Object.entries(seed.docs) as [Kind, never[]][]) {
    const collection = collectionFor(kind);
    if (!collection || !db.collections[collection] || !docs.length) continue;
    await repo(db, kind).bulkInsertDocuments(docs);
    inserted += docs.length;
  }
  return { inserted };
}
