import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { toStored } from '../../src-shared/storage/stored-doc';
import { openDatabase } from '../../src-renderer/db/database';
import { dexieStorage } from '../../src-renderer/db/storage';
import { repo } from '../../src-renderer/db/repository';
import { seed } from './helpers';

/*
 * Kept small on purpose: fake-indexeddb walks cursors in O(n), so large
 * suites run on storage-memory and the end-to-end tests run Dexie in real
 * Chromium. This suite keeps the Dexie path itself honest.
 */
function storage(indexedDB: IDBFactory) {
  return dexieStorage({ indexedDB, IDBKeyRange });
}

describe('Dexie storage', () => {
  it('persists documents across a restart and answers indexed queries', async () => {
    const idb = new IDBFactory();
    const first = await openDatabase({
      name: 'dexie-persist',
      storage: storage(idb),
      collections: ['proctoring_events', 'users'],
    });
    const events = seed.docs.proctoring_event!.slice(0, 12);
    await repo(first, 'proctoring_event').bulkInsertDocuments(events);
    await first.close();

    const again = await openDatabase({
      name: 'dexie-persist',
      storage: storage(idb),
      collections: ['proctoring_events', 'users'],
    });
    const session = events[0]!.test_session_id;
    const high = await repo(again, 'proctoring_event').find({
      selector: { test_session_id: session, severity: 'high' },
    });
    expect(high.map((e) => e.event_id).sort()).toEqual(
      events
        .filter((e) => e.test_session_id === session && e.severity === 'high')
        .map((e) => e.event_id)
        .sort(),
    );
    expect(await repo(again, 'proctoring_event').count()).toBe(12);
    await again.close();
  });

  it('refuses invalid documents and keeps what was stored', async () => {
    const db = await openDatabase({
      name: 'dexie-invalid',
      storage: storage(new IDBFactory()),
      collections: ['users'],
    });
    const user = seed.docs.user![0]!;
    await repo(db, 'user').insertDocument(user);
    await expect(
      db.collections.users.upsert({ ...toStored('user', user), full_name: '' } as never),
    ).rejects.toMatchObject({ code: 'VD2' });
    expect((await repo(db, 'user').get(user.id))?.full_name).toBe(user.full_name);
    await db.close();
  });

  it('migrates a database written by an older version on the next start', async () => {
    const idb = new IDBFactory();
    const old = await openDatabase({
      name: 'dexie-migrate',
      storage: storage(idb),
      collections: ['users'],
      versions: { users: 0 },
    });
    const user = seed.docs.user![1]!;
    const {
      login_streak: _a,
      max_login_streak: _b,
      quiz_streak: _c,
      max_quiz_streak: _d,
      last_login_date: _e,
      last_quiz_date: _f,
      ...v0
    } = user;
    await old.collections.users.insert(toStored('user', v0 as never) as never);
    await old.close();

    const upgraded = await openDatabase({ name: 'dexie-migrate', storage: storage(idb), collections: ['users'] });
    expect(await repo(upgraded, 'user').get(user.id)).toEqual({
      ...v0,
      login_streak: 0,
      max_login_streak: 0,
      quiz_streak: 0,
      max_quiz_streak: 0,
    });
    await upgraded.close();
  });
});

describe('Dexie indexes', () => {
  it('find documents whose kind has no value for an indexed field', async () => {
    // IndexedDB drops a record from an index when the indexed value is missing:
    // without index padding a job description (no question_set_id) would be
    // invisible to a query the planner answers from ['kind','question_set_id'].
    const db = await openDatabase({
      name: 'dexie-padding',
      storage: storage(new IDBFactory()),
      collections: ['question_bank', 'test_sessions'],
    });
    await repo(db, 'job_description').bulkInsertDocuments(seed.docs.job_description!);
    await repo(db, 'question').bulkInsertDocuments(seed.docs.question!);
    expect(await repo(db, 'job_description').find()).toHaveLength(seed.docs.job_description!.length);
    expect(await repo(db, 'question').find()).toHaveLength(seed.docs.question!.length);
    const sessions = seed.docs.test_session!;
    await repo(db, 'test_session').bulkInsertDocuments(sessions);
    const anonymous = sessions.filter((s) => !s.user_id);
    expect(anonymous.length).toBeGreaterThan(0);
    expect(await repo(db, 'test_session').find({ sort: [{ created_at: 'asc' }] })).toHaveLength(sessions.length);
    expect((await repo(db, 'test_session').get(anonymous[0]!.session_id))?.user_id).toBeUndefined();
    await db.close();
  });

  it('refuses a stored document that lacks its index padding, rather than hiding it', async () => {
    const db = await openDatabase({
      name: 'dexie-unpadded',
      storage: storage(new IDBFactory()),
      collections: ['question_bank'],
    });
    const { question_set_id: _padding, ...unpadded } = toStored(
      'job_description',
      seed.docs.job_description![0]!,
    ) as Record<string, unknown>;
    await expect(db.collections.question_bank.insert(unpadded as never)).rejects.toMatchObject({ code: 'VD2' });
    await db.close();
  });
});
