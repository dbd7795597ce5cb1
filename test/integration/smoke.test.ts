import { it, expect } from 'vitest';
import { openDatabase } from '../../src-renderer/db/database';
import { memoryStorage } from '../../src-renderer/db/storage';
import { importSeed } from '../../src-renderer/db/demo';
import { buildSeed } from '../../src-shared/seed/build-seed';

it('smoke', async () => {
  const db = await openDatabase({ name: 'smoke' + Math.random().toString(36).slice(2), storage: memoryStorage(), devMode: true });
  const seed = buildSeed();
  console.log(Object.fromEntries(Object.entries(seed.docs).map(([k, v]) => [k, v!.length])));
  console.log(await importSeed(db, seed));
  await db.close();
});
