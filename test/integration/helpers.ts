import { openDatabase, type AppDatabase, type OpenDatabaseOptions } from '../../src-renderer/db/database';
import { memoryStorage } from '../../src-renderer/db/storage';
import { buildSeed } from '../../src-shared/seed/build-seed';

let counter = 0;
/** A fresh in-memory database with RxDB's dev-mode schema checks on. */
export async function freshDb(options: Partial<OpenDatabaseOptions> = {}): Promise<AppDatabase> {
  counter += 1;
  return openDatabase({
    name: `test-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    storage: memoryStorage(),
    devMode: true,
    ...options,
  });
}

export const FIXED_NOW = new Date('2026-11-24T12:00:00.000Z');
export const seed = buildSeed({ now: FIXED_NOW, candidates: 10 });

export function firstSeeded<K extends keyof typeof seed.docs>(kind: K) {
  const doc = seed.docs[kind]?.[0];
  if (!doc) throw new Error(`the seed has no ${kind}`);
  return structuredClone(doc) as NonNullable<(typeof seed.docs)[K]>[number];
}
