import { afterEach, describe, expect, it } from 'vitest';
import { entities, kinds } from '../../src-shared/domain/registry';
import {
  MAX_OPEN_COLLECTIONS,
  collectionLayout,
  collectionNames,
  collectionsByRole,
  serverOnly,
} from '../../src-shared/storage/layout';
import { rxSchemaFor } from '../../src-shared/storage/rx-schema';
import { UserRole } from '../../src-shared/domain/enums';
import type { AppDatabase } from '../../src-renderer/db/database';
import { freshDb } from './helpers';

let db: AppDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('client storage layout', () => {
  it('keeps at most 12 collections, leaving headroom under RxDB’s 14', () => {
    expect(collectionNames.length).toBeLessThanOrEqual(MAX_OPEN_COLLECTIONS);
    expect(MAX_OPEN_COLLECTIONS).toBeLessThan(14);
    for (const role of UserRole.options)
      expect(collectionsByRole[role].length).toBeLessThanOrEqual(MAX_OPEN_COLLECTIONS);
  });

  it('places every entity exactly once: in one collection, or on the server only', () => {
    const placed = collectionNames.flatMap((c) => [...collectionLayout[c].kinds]);
    expect(new Set(placed).size).toBe(placed.length);
    const everywhere = [...placed, ...Object.keys(serverOnly)].sort();
    expect(everywhere).toEqual([...kinds].sort());
    expect(kinds).toHaveLength(24);
  });

  it('points every reference at a collection that holds documents', () => {
    for (const kind of kinds) {
      for (const [field, schema] of Object.entries(entities[kind].shape)) {
        const meta = (schema as { meta?: () => Record<string, unknown> | undefined }).meta?.() ?? {};
        const target = (meta.ref ?? meta.items_ref) as string | undefined;
        if (target) expect(collectionNames, `${kind}.${field}`).toContain(target);
      }
    }
  });

  it('opens every collection at once in one realm, with RxDB’s schema checks on', async () => {
    db = await freshDb();
    expect(Object.keys(db.collections).sort()).toEqual([...collectionNames].sort());
  });

  it('refuses to open more collections than a window may have', async () => {
    const tooMany = [...collectionNames, ...collectionNames.slice(0, 1)];
    await expect(freshDb({ collections: tooMany })).rejects.toThrow(/at most 12 collections/);
  });

  it('turns the reference indexes into real RxDB indexes, composites included', () => {
    const indexes = (c: (typeof collectionNames)[number]) => rxSchemaFor(c).indexes.map((i) => [i].flat().join('+'));
    expect(indexes('users')).toContain('email');
    expect(indexes('candidates')).toContain('kind+email');
    expect(indexes('assessments')).toContain('kind+is_published');
    expect(indexes('requisitions')).toContain('status');
    expect(indexes('test_sessions')).toEqual(expect.arrayContaining(['created_at', 'user_id+created_at']));
    expect(indexes('interviews')).toContain('kind+scheduled_at');
    expect(indexes('proctoring_events')).toContain('test_session_id+severity');
    expect(indexes('inbox')).toContain('kind+user_id+is_read');
  });
});
