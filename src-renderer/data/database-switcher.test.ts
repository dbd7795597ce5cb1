import { describe, expect, it } from 'vitest';
import { collectionNames, collectionsByRole } from '@shared/storage/layout';
import type { AppDatabase } from '../db/database';
import { DEVICE_DATABASE, collectionsFor, createDatabaseSwitcher, databaseNameFor } from './database-switcher';

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
    const switcher = createDatabaseSwitcher(async (collections, name) => {
      const label = `${++opened}:${name}:${collections.length}`;
      log.push(`open ${label}`);
      return fakeDb(log, label);
    });
    // Requested together, as a quick sign-in then sign-out would.
    const [first, second, third] = await Promise.all([
      switcher.switchTo({ name: 'device', collections: collectionsFor(undefined) }),
      switcher.switchTo({ name: 'device', collections: collectionsFor('candidate') }),
      switcher.switchTo({ name: 'device', collections: collectionsFor('candidate') }),
    ]);
    expect(second).toBe(third); // same database and collections: the open one is reused
    expect(first).not.toBe(second);
    const fourth = await switcher.switchTo({ name: 'other', collections: collectionsFor('candidate') });
    expect(fourth).not.toBe(third); // same collections, another database
    await switcher.close();
    expect(log).toEqual([
      'open 1:device:12',
      'close 1:device:12',
      'open 2:device:7',
      'close 2:device:7',
      'open 3:other:7',
      'close 3:other:7',
    ]);
  });

  it('lets replication stop before a database closes', async () => {
    const log: string[] = [];
    const switcher = createDatabaseSwitcher(async (_collections, name) => fakeDb(log, name), {
      beforeClose: async (db) => void log.push(`stop sync (closed: ${db.closed})`),
    });
    await switcher.switchTo({ name: 'a', collections: collectionsFor('interviewer') });
    await switcher.switchTo({ name: 'b', collections: collectionsFor('interviewer') });
    expect(log).toEqual(['stop sync (closed: false)', 'close a']);
  });

  it('opens every collection before sign-in and the role’s own after', () => {
    expect(collectionsFor(undefined)).toEqual(collectionNames);
    expect(collectionsFor('interviewer')).toEqual(collectionsByRole.interviewer);
  });

  it('gives each server account a database of its own, and device accounts the device’s', () => {
    const ines = { id: 'usr_ines', server: 'https://sync.example.org' };
    expect(databaseNameFor(null)).toBe(DEVICE_DATABASE);
    expect(databaseNameFor({ id: 'usr_demo' })).toBe(DEVICE_DATABASE);
    expect(databaseNameFor(ines)).toMatch(/^assist-ten-[0-9a-f]{24}$/);
    expect(databaseNameFor(ines)).toBe(databaseNameFor({ ...ines }));
    expect(databaseNameFor(ines)).not.toBe(databaseNameFor({ ...ines, id: 'usr_kenji' }));
    expect(databaseNameFor(ines)).not.toBe(databaseNameFor({ ...ines, server: 'https://other.example.org' }));
  });
});
