import { describe, expect, it } from 'vitest';
import { collectionNames, collectionsByRole } from '@shared/storage/layout';
import type { AppDatabase } from '../db/database';
import { collectionsFor, createDatabaseSwitcher } from './database-switcher';

/** A stand-in database that records when it is closed. */
function fakeDb(log: string[], label: string) {
  const db = {
    closed: false,
    close: async () => {
      log.push(`close ${label}`);
      db.closed = true;
      return true;
    },
  };
  return db as unknown as AppDatabase;
}

describe('database switcher', () => {
  it('closes the open database before opening another, one switch at a time', async () => {
    const log: string[] = [];
    let opened = 0;
    const switcher = createDatabaseSwitcher(async (collections) => {
      const label = `${++opened}:${collections.length}`;
      log.push(`open ${label}`);
      return fakeDb(log, label);
    });
    // Requested together, as a quick sign-in then sign-out would.
    const [first, second, third] = await Promise.all([
      switcher.switchTo(collectionsFor(undefined)),
      switcher.switchTo(collectionsFor('candidate')),
      switcher.switchTo(collectionsFor('candidate')),
    ]);
    expect(second).toBe(third); // same collections: the open database is reused
    expect(first).not.toBe(second);
    await switcher.close();
    expect(log).toEqual(['open 1:12', 'close 1:12', 'open 2:7', 'close 2:7']);
  });

  it('opens every collection before sign-in and the role’s own after', () => {
    expect(collectionsFor(undefined)).toEqual(collectionNames);
    expect(collectionsFor('interviewer')).toEqual(collectionsByRole.interviewer);
  });
});
