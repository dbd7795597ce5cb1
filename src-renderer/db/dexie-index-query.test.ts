import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { normalizeMangoQuery, prepareQuery, RXDB_VERSION, type MangoQuery, type RxCollection } from 'rxdb';
import rxdbPackage from 'rxdb/package.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '@shared/storage/layout';
import { buildSeed } from '@shared/seed/build-seed';
import { openDatabase, type AppDatabase } from './database';
import { importSeed } from './demo';
import { isMirroredRxdbVersion, nativeIndexQueryEnabled, type IndexQueryPath } from './dexie-index-query';
import { dexieStorage } from './storage';

/*
 * The getAll()-based query must return exactly what RxDB's own Dexie query
 * returns: same documents, same order, for every plan shape. Three databases
 * hold the same seed and the same deletes/updates: RxDB's plain cursor walk
 * (the reference), the optimised storage, and the optimised storage reading
 * in batches of 3 rows (so batch continuation is exercised on every range).
 * Kept small: fake-indexeddb is O(n) per cursor step.
 */

type Row = Record<string, unknown>;
type Coll = RxCollection<Row>;

const seed = buildSeed({ now: new Date('2026-11-24T12:00:00.000Z'), candidates: 60 });
// The demo's exam sessions are anonymous; give two in three an owner so [user_id, created_at] has data.
seed.docs.test_session?.forEach((s, i) => {
  const users = seed.docs.user!;
  if (i % 3 !== 0) s.user_id = users[i % users.length]!.id;
});
/* RxDB opens at most 14 collections per realm: three databases at a time get a few each. */
const GROUPS: readonly (readonly CollectionName[])[] = [
  ['proctoring_events', 'inbox'],
  ['test_sessions', 'question_bank'],
  ['candidates', 'users', 'applications'],
];

const coll = (db: AppDatabase, name: CollectionName) => db.collections[name] as unknown as Coll;

function open(name: string, collections: readonly CollectionName[], indexQuery: Parameters<typeof dexieStorage>[1]) {
  return openDatabase({
    name,
    storage: dexieStorage({ indexedDB: new IDBFactory(), IDBKeyRange }, indexQuery),
    collections,
  });
}

/** Values of a seeded field, sorted, so bounds can sit exactly on stored values. */
function values(kind: keyof typeof seed.docs, field: string): (string | number)[] {
  const docs = (seed.docs[kind] ?? []) as unknown as Row[];
  return [...new Set(docs.map((d) => d[field]).filter((v) => typeof v === 'string' || typeof v === 'number'))].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  ) as (string | number)[];
}
const at = (list: (string | number)[], fraction: number) => list[Math.floor((list.length - 1) * fraction)]!;
/** The value of `field` shared by the most seeded docs of `kind` (a busy session, user...). */
function busiest(kind: keyof typeof seed.docs, field: string): string {
  const counts = new Map<string, number>();
  for (const d of (seed.docs[kind] ?? []) as unknown as Row[]) {
    const v = d[field];
    if (typeof v === 'string' && v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

/** Drops what differs between two databases holding the same writes: revision and write time. */
function comparable(doc: Row): Row {
  const { _rev: _r, _meta: _m, ...rest } = doc;
  return rest;
}

/**
 * Runs one query on the storage instance directly. 'rxquery' sends exactly
 * what RxQuery sends (its prepared query, with `_deleted: false` added);
 * 'raw' prepares the mango query as given, so it also reads deleted documents
 * and gets the plans a selector without `_deleted` produces.
 */
async function storageQuery(db: AppDatabase, name: CollectionName, mango: MangoQuery<Row>, mode: 'rxquery' | 'raw') {
  const collection = coll(db, name);
  const schema = collection.schema.jsonSchema;
  const prepared =
    mode === 'rxquery'
      ? collection.find(mango).getPreparedQuery()
      : prepareQuery(schema, normalizeMangoQuery(schema, mango));
  const result = await collection.storageInstance.query(prepared);
  return { docs: result.documents.map((d) => comparable(d as Row)), plan: prepared.queryPlan };
}

/** Plan shapes the table reached, so it cannot silently stop covering one. */
const shapes = new Set<string>();
const shapeOf = (plan: { selectorSatisfiedByIndex: boolean; sortSatisfiedByIndex: boolean }, query: MangoQuery<Row>) =>
  `selector ${plan.selectorSatisfiedByIndex ? 'by index' : 'matched'}, sort ${plan.sortSatisfiedByIndex ? 'by index' : 'sorted'}, ${query.limit === undefined ? 'no limit' : 'limit'}`;

/** Applies the same deletes and updates to one database, chosen from the seed. */
async function mutate(db: AppDatabase) {
  if (db.collections.proctoring_events) await mutateEvents(db);
  if (db.collections.test_sessions) {
    const sessions = (
      await coll(db, 'test_sessions')
        .find({ sort: [{ pk: 'asc' }] })
        .exec()
    ).map((d) => d.primary);
    await coll(db, 'test_sessions').bulkRemove(sessions.filter((_, i) => i % 5 === 2));
  }
  if (db.collections.inbox) {
    const notes = await coll(db, 'inbox')
      .find({ selector: { kind: 'notification' }, sort: [{ pk: 'asc' }] })
      .exec();
    for (const [i, note] of notes.entries()) {
      if (i % 3 === 0) await note.incrementalPatch({ is_read: !note.get('is_read') });
      if (i % 7 === 3) await note.getLatest().remove();
    }
  }
  if (db.collections.candidates) {
    const docs = (
      await coll(db, 'candidates')
        .find({ selector: { kind: 'uploaded_document' }, sort: [{ pk: 'asc' }] })
        .exec()
    ).map((d) => d.primary);
    await coll(db, 'candidates').bulkRemove(docs.filter((_, i) => i % 6 === 0));
  }
}

async function mutateEvents(db: AppDatabase) {
  const events = (
    await coll(db, 'proctoring_events')
      .find({ sort: [{ pk: 'asc' }] })
      .exec()
  ).map((d) => d.primary);
  await coll(db, 'proctoring_events').bulkRemove(events.filter((_, i) => i % 4 === 1));
}

/* Data-driven constants: bounds sit on stored values, so an open/closed bound mix-up changes results. */
const session = busiest('proctoring_event', 'test_session_id');
const eventSessions = values('proctoring_event', 'test_session_id');
// mutate() deletes the events at i % 4 === 1 in pk order: bounds sit on live ones.
const eventIds = values('proctoring_event', 'event_id').filter((_, i) => i % 4 !== 1);
const notificationIds = values('notification', 'notification_id');
const detected = values('proctoring_event', 'detected_at');
const durations = values('proctoring_event', 'duration_seconds');
const inboxUser = busiest('notification', 'user_id');
const noteCreated = values('notification', 'created_at');
const sessionUser = busiest('test_session', 'user_id');
const sessionCreated = values('test_session', 'created_at');
const questionSet = busiest('question', 'question_set_id');
const questionCreated = values('question', 'created_at');
const candidate = busiest('uploaded_document', 'candidate_id');
const candidateEmails = values('candidate', 'email');
const userEmails = values('user', 'email');
const application = busiest('application_note', 'application_id');

interface Case {
  name: string;
  collection: CollectionName;
  query: MangoQuery<Row>;
  /** Expected to match nothing (otherwise an empty result fails: equal-and-empty proves little). */
  empty?: true;
  /**
   * 'raw': storage level only (selects on `_deleted` itself, or hints an index
   * RxQuery would prefix with `_deleted`); 'rxquery': a hint only RxQuery completes.
   */
  only?: 'raw' | 'rxquery';
}

const E = 'proctoring_events' as const;
const cases: Case[] = [
  // proctoring_events: composite [test_session_id, severity]
  { name: 'composite equality', collection: E, query: { selector: { test_session_id: session, severity: 'high' } } },
  { name: 'composite prefix', collection: E, query: { selector: { test_session_id: session } } },
  { name: 'composite prefix, limit', collection: E, query: { selector: { test_session_id: session }, limit: 2 } },
  {
    name: 'composite prefix, skip+limit',
    collection: E,
    query: { selector: { test_session_id: session }, skip: 1, limit: 2 },
  },
  {
    name: 'composite prefix, skip past end',
    collection: E,
    query: { selector: { test_session_id: session }, skip: 500, limit: 2 },
    empty: true,
  },
  {
    name: 'composite prefix, limit 0',
    collection: E,
    query: { selector: { test_session_id: session }, limit: 0 },
    empty: true,
  },
  {
    name: 'composite $in',
    collection: E,
    query: { selector: { test_session_id: session, severity: { $in: ['high', 'low'] } } },
  },
  { name: 'composite $ne', collection: E, query: { selector: { test_session_id: session, severity: { $ne: 'low' } } } },
  {
    name: 'composite $gt on second field',
    collection: E,
    query: { selector: { test_session_id: session, severity: { $gt: 'high' } } },
  },
  {
    name: 'composite $lte on second field',
    collection: E,
    query: { selector: { test_session_id: session, severity: { $lte: 'low' } } },
  },
  { name: 'second field only', collection: E, query: { selector: { severity: 'medium' } } },
  {
    name: 'composite, sort desc',
    collection: E,
    query: { selector: { test_session_id: session }, sort: [{ detected_at: 'desc' }] },
  },
  { name: 'session $gt', collection: E, query: { selector: { test_session_id: { $gt: at(eventSessions, 0.5) } } } },
  { name: 'session $gte', collection: E, query: { selector: { test_session_id: { $gte: at(eventSessions, 0.5) } } } },
  { name: 'session $lt', collection: E, query: { selector: { test_session_id: { $lt: at(eventSessions, 0.5) } } } },
  { name: 'session $lte', collection: E, query: { selector: { test_session_id: { $lte: at(eventSessions, 0.5) } } } },
  // proctoring_events: detected_at
  { name: 'date $gt', collection: E, query: { selector: { detected_at: { $gt: at(detected, 0.5) } } } },
  { name: 'date $gte', collection: E, query: { selector: { detected_at: { $gte: at(detected, 0.5) } } } },
  { name: 'date $lt', collection: E, query: { selector: { detected_at: { $lt: at(detected, 0.5) } } } },
  { name: 'date $lte', collection: E, query: { selector: { detected_at: { $lte: at(detected, 0.5) } } } },
  {
    name: 'date $gte/$lt',
    collection: E,
    query: { selector: { detected_at: { $gte: at(detected, 0.25), $lt: at(detected, 0.75) } } },
  },
  {
    name: 'date $gt/$lte',
    collection: E,
    query: { selector: { detected_at: { $gt: at(detected, 0.25), $lte: at(detected, 0.75) } } },
  },
  {
    name: 'date single point $gte/$lte',
    collection: E,
    query: { selector: { detected_at: { $gte: at(detected, 0.5), $lte: at(detected, 0.5) } } },
  },
  {
    name: 'date single point $gt/$lt',
    collection: E,
    query: { selector: { detected_at: { $gt: at(detected, 0.5), $lt: at(detected, 0.5) } } },
    empty: true,
  },
  {
    name: 'date inverted range',
    collection: E,
    query: { selector: { detected_at: { $gt: at(detected, 0.75), $lt: at(detected, 0.25) } } },
    empty: true,
  },
  {
    name: 'date range, sort asc, limit',
    collection: E,
    query: { selector: { detected_at: { $gte: at(detected, 0.25) } }, sort: [{ detected_at: 'asc' }], limit: 5 },
  },
  {
    name: 'date range, sort asc, skip+limit',
    collection: E,
    query: { selector: { detected_at: { $gt: at(detected, 0.1) } }, sort: [{ detected_at: 'asc' }], skip: 3, limit: 7 },
  },
  {
    name: 'date range, sort desc, limit',
    collection: E,
    query: { selector: { detected_at: { $lte: at(detected, 0.8) } }, sort: [{ detected_at: 'desc' }], limit: 6 },
  },
  {
    name: 'date range + unindexed filter, limit',
    collection: E,
    query: {
      selector: { detected_at: { $gte: at(detected, 0.2) }, event_type: 'no_face' },
      sort: [{ detected_at: 'asc' }],
      limit: 4,
    },
  },
  {
    name: 'unindexed numeric range, sort desc',
    collection: E,
    query: { selector: { duration_seconds: { $gte: at(durations, 0.5) } }, sort: [{ duration_seconds: 'desc' }] },
  },
  // proctoring_events: boolean index
  { name: 'boolean true', collection: E, query: { selector: { flagged: true } } },
  {
    name: 'boolean false, sort by unindexed',
    collection: E,
    query: { selector: { flagged: false }, sort: [{ event_type: 'asc' }, { detected_at: 'desc' }] },
  },
  { name: 'boolean $ne', collection: E, query: { selector: { flagged: { $ne: true } } } },
  {
    name: '$or',
    collection: E,
    query: { selector: { $or: [{ severity: 'critical' }, { test_session_id: session }] } },
  },
  {
    name: '$and + $regex',
    collection: E,
    query: {
      selector: { $and: [{ detected_at: { $gte: at(detected, 0.3) } }, { event_type: { $regex: '^(no|window)_' } }] },
    },
  },
  {
    name: '$exists',
    collection: E,
    query: { selector: { question_id: { $exists: true } }, sort: [{ pk: 'desc' }], limit: 10 },
  },
  { name: 'everything, default sort', collection: E, query: {} },
  { name: 'everything, pk sort, skip+limit', collection: E, query: { sort: [{ pk: 'asc' }], skip: 5, limit: 11 } },
  { name: 'no match', collection: E, query: { selector: { test_session_id: 'no-such-session' } }, empty: true },
  // deleted documents (storage level: RxQuery always adds _deleted: false)
  { name: 'deleted only', collection: E, query: { selector: { _deleted: true } as Row }, only: 'raw' },
  { name: 'deleted and live', collection: E, query: { selector: { test_session_id: session } }, only: 'raw' },
  {
    name: 'deleted, composite',
    collection: E,
    query: { selector: { _deleted: true, test_session_id: session } as Row },
    only: 'raw',
  },
  {
    name: 'primary-key index hint',
    collection: E,
    query: { selector: { _deleted: false } as Row, index: ['_deleted', 'pk'] },
    only: 'raw',
  },
  {
    name: 'primary-key index hint, limit',
    collection: E,
    query: { selector: { _deleted: false } as Row, index: ['_deleted', 'pk'], skip: 2, limit: 5 },
    only: 'raw',
  },
  // The primary key is the last index field: no sentinel pads the bounds, so open/closed shows.
  {
    name: 'pk $gt (pk index)',
    collection: E,
    query: { selector: { _deleted: false, pk: { $gt: at(eventIds, 0.5) } } as Row, index: ['_deleted', 'pk'] },
    only: 'raw',
  },
  {
    name: 'pk $gte (pk index)',
    collection: E,
    query: { selector: { _deleted: false, pk: { $gte: at(eventIds, 0.5) } } as Row, index: ['_deleted', 'pk'] },
    only: 'raw',
  },
  {
    name: 'pk $lt (pk index)',
    collection: E,
    query: { selector: { _deleted: false, pk: { $lt: at(eventIds, 0.5) } } as Row, index: ['_deleted', 'pk'] },
    only: 'raw',
  },
  {
    name: 'pk $lte (pk index)',
    collection: E,
    query: { selector: { _deleted: false, pk: { $lte: at(eventIds, 0.5) } } as Row, index: ['_deleted', 'pk'] },
    only: 'raw',
  },
  {
    name: 'pk $gt/$lt, limit (pk index)',
    collection: E,
    query: {
      selector: { _deleted: false, pk: { $gt: at(eventIds, 0.2), $lt: at(eventIds, 0.8) } } as Row,
      index: ['_deleted', 'pk'],
      skip: 1,
      limit: 12,
    },
    only: 'raw',
  },
  {
    name: 'pk $gt',
    collection: E,
    query: { selector: { pk: { $gt: at(eventIds, 0.5) } }, index: ['pk'] },
    only: 'rxquery',
  },
  {
    name: 'pk $gte',
    collection: E,
    query: { selector: { pk: { $gte: at(eventIds, 0.5) } }, index: ['pk'] },
    only: 'rxquery',
  },
  {
    name: 'pk $lt',
    collection: E,
    query: { selector: { pk: { $lt: at(eventIds, 0.5) } }, index: ['pk'] },
    only: 'rxquery',
  },
  {
    name: 'pk $lte',
    collection: E,
    query: { selector: { pk: { $lte: at(eventIds, 0.5) } }, index: ['pk'] },
    only: 'rxquery',
  },
  {
    name: 'pk $gte/$lte, skip+limit',
    collection: E,
    query: { selector: { pk: { $gte: at(eventIds, 0.2), $lte: at(eventIds, 0.8) } }, index: ['pk'], skip: 2, limit: 9 },
    only: 'rxquery',
  },
  {
    name: 'inbox pk $lt (pk index)',
    collection: 'inbox',
    query: { selector: { pk: { $lt: at(notificationIds, 0.6) } }, index: ['pk'] },
    only: 'rxquery',
  },
  {
    name: 'dotted index (_meta.lwt) hint',
    collection: E,
    query: { selector: {}, index: ['_meta.lwt', 'pk'], sort: [{ pk: 'asc' }] },
    only: 'raw',
  },

  // inbox: [kind, user_id, is_read] with a boolean, and [kind, user_id, created_at]
  {
    name: 'inbox unread',
    collection: 'inbox',
    query: { selector: { kind: 'notification', user_id: inboxUser, is_read: false } },
  },
  {
    name: 'inbox read',
    collection: 'inbox',
    query: { selector: { kind: 'notification', user_id: inboxUser, is_read: true } },
  },
  {
    name: 'inbox user, newest first',
    collection: 'inbox',
    query: { selector: { kind: 'notification', user_id: inboxUser }, sort: [{ created_at: 'desc' }] },
  },
  {
    name: 'inbox user, since, limit',
    collection: 'inbox',
    query: {
      selector: { kind: 'notification', user_id: inboxUser, created_at: { $gte: at(noteCreated, 0.3) } },
      sort: [{ created_at: 'asc' }],
      limit: 3,
    },
  },
  {
    name: 'inbox user before',
    collection: 'inbox',
    query: { selector: { kind: 'notification', user_id: inboxUser, created_at: { $lt: at(noteCreated, 0.6) } } },
  },
  { name: 'inbox user, any kind', collection: 'inbox', query: { selector: { user_id: inboxUser } } },
  {
    name: 'inbox all unread',
    collection: 'inbox',
    query: { selector: { kind: 'notification', is_read: false }, sort: [{ created_at: 'desc' }], limit: 8 },
  },
  { name: 'inbox other kind', collection: 'inbox', query: { selector: { kind: 'admin_settings' } } },

  // test_sessions: [user_id, created_at], created_at, assessment_id, candidate_email
  {
    name: 'sessions of a user, newest first',
    collection: 'test_sessions',
    query: { selector: { user_id: sessionUser }, sort: [{ created_at: 'desc' }] },
  },
  {
    name: 'sessions of a user, before',
    collection: 'test_sessions',
    query: { selector: { user_id: sessionUser, created_at: { $lt: at(sessionCreated, 0.7) } } },
  },
  {
    name: 'sessions of a user, range, asc',
    collection: 'test_sessions',
    query: {
      selector: { user_id: sessionUser, created_at: { $gte: at(sessionCreated, 0.2), $lte: at(sessionCreated, 0.9) } },
      sort: [{ created_at: 'asc' }],
    },
  },
  {
    name: 'sessions since, limit',
    collection: 'test_sessions',
    query: { selector: { created_at: { $gt: at(sessionCreated, 0.4) } }, sort: [{ created_at: 'asc' }], limit: 5 },
  },
  {
    name: 'sessions by email $in',
    collection: 'test_sessions',
    query: {
      selector: { candidate_email: { $in: values('test_session', 'candidate_email').slice(0, 4) as string[] } },
    },
  },
  {
    name: 'sessions sorted by unindexed, skip+limit',
    collection: 'test_sessions',
    query: { sort: [{ candidate_name: 'asc' }], skip: 4, limit: 10 },
  },

  // question_bank: grouped (kind prefix on every index)
  {
    name: 'questions of a set',
    collection: 'question_bank',
    query: { selector: { kind: 'question', question_set_id: questionSet } },
  },
  {
    name: 'questions, newest first',
    collection: 'question_bank',
    query: { selector: { kind: 'question' }, sort: [{ created_at: 'desc' }] },
  },
  {
    name: 'questions created $lte',
    collection: 'question_bank',
    query: { selector: { kind: 'question', created_at: { $lte: at(questionCreated, 0.5) } } },
  },
  {
    name: 'two kinds $in',
    collection: 'question_bank',
    query: { selector: { kind: { $in: ['question', 'question_set'] } } },
  },
  { name: 'kind $ne', collection: 'question_bank', query: { selector: { kind: { $ne: 'question' } } } },

  // candidates: grouped
  {
    name: 'documents of a candidate',
    collection: 'candidates',
    query: { selector: { kind: 'uploaded_document', candidate_id: candidate } },
  },
  {
    name: 'candidate emails $gte',
    collection: 'candidates',
    query: { selector: { kind: 'candidate', email: { $gte: at(candidateEmails, 0.5) } } },
  },
  {
    name: 'candidate emails $gt, desc, limit',
    collection: 'candidates',
    query: {
      selector: { kind: 'candidate', email: { $gt: at(candidateEmails, 0.2) } },
      sort: [{ email: 'desc' }],
      limit: 9,
    },
  },
  {
    name: 'skill matches, skip+limit',
    collection: 'candidates',
    query: { selector: { kind: 'skill_match' }, skip: 5, limit: 10 },
  },
  {
    name: 'candidate, any kind but candidate',
    collection: 'candidates',
    query: { selector: { kind: { $ne: 'candidate' }, candidate_id: candidate } },
  },

  // users, applications
  { name: 'users by role', collection: 'users', query: { selector: { role: 'admin' } } },
  {
    name: 'users by email $gt, desc',
    collection: 'users',
    query: { selector: { email: { $gt: at(userEmails, 0.3) } }, sort: [{ email: 'desc' }] },
  },
  {
    name: 'users, role $in and unindexed boolean',
    collection: 'users',
    query: { selector: { role: { $in: ['admin', 'recruiter', 'super_admin'] }, is_active: true } },
  },
  {
    name: 'pending applications',
    collection: 'applications',
    query: { selector: { kind: 'assessment_application', status: 'pending' } },
  },
  {
    name: 'notes of an application',
    collection: 'applications',
    query: { selector: { kind: 'application_note', application_id: application } },
  },
];

describe.each(GROUPS.map((collections) => ({ group: collections.join(', '), collections })))(
  'native index query (getAll) against RxDB’s cursor query: $group',
  ({ collections }) => {
    const paths: { path: IndexQueryPath; collection: string }[] = [];
    let plain: AppDatabase;
    let optimised: AppDatabase;
    let chunked: AppDatabase;
    const groupCases = cases.filter((c) => collections.includes(c.collection));

    beforeAll(async () => {
      const tag = Math.random().toString(36).slice(2, 8);
      [plain, optimised, chunked] = await Promise.all([
        open(`plain-${tag}`, collections, false),
        open(`optimised-${tag}`, collections, { onQuery: (path, collection) => paths.push({ path, collection }) }),
        open(`chunked-${tag}`, collections, { chunkSize: 3 }),
      ]);
      for (const db of [plain, optimised, chunked]) {
        await importSeed(db, seed);
        await mutate(db);
      }
    });

    afterAll(async () => {
      await Promise.all([plain, optimised, chunked].map((db) => db?.close()));
    });

    it('seeds the three databases identically, with deletions', async () => {
      for (const name of collections) {
        const all = await storageQuery(plain, name, { sort: [{ pk: 'asc' }] }, 'raw');
        expect(all.docs.length).toBeGreaterThan(0);
        expect(all.docs.some((d) => d._deleted === true)).toBe(
          ['proctoring_events', 'inbox', 'test_sessions', 'candidates'].includes(name),
        );
        expect((await storageQuery(optimised, name, { sort: [{ pk: 'asc' }] }, 'raw')).docs).toEqual(all.docs);
      }
    });

    const modes = groupCases.flatMap((c) => [
      ...(c.only === 'raw' ? [] : [{ ...c, mode: 'rxquery' as const }]),
      ...(c.only === 'rxquery' ? [] : [{ ...c, mode: 'raw' as const }]),
    ]);
    it.each(modes)('storage query ($mode): $collection, $name', async ({ collection, query, empty, mode }) => {
      const reference = await storageQuery(plain, collection, query, mode);
      if (empty) expect(reference.docs).toEqual([]);
      else expect(reference.docs.length).toBeGreaterThan(0);
      const fast = await storageQuery(optimised, collection, query, mode);
      expect(fast.plan).toEqual(reference.plan);
      shapes.add(shapeOf(fast.plan, query));
      expect(fast.docs).toEqual(reference.docs);
      expect((await storageQuery(chunked, collection, query, mode)).docs).toEqual(reference.docs);
    });

    it.each(groupCases.filter((c) => c.only !== 'raw'))(
      'RxQuery find and count: $collection, $name',
      async ({ collection, query }) => {
        const ids = async (db: AppDatabase) => (await coll(db, collection).find(query).exec()).map((d) => d.primary);
        const reference = await ids(plain);
        expect(await ids(optimised)).toEqual(reference);
        expect(await ids(chunked)).toEqual(reference);
        if (query.skip === undefined && query.limit === undefined) {
          const count = (db: AppDatabase) =>
            coll(db, collection)
              .count({ selector: query.selector ?? {} })
              .exec();
          const expected = await count(plain);
          expect(await count(optimised)).toBe(expected);
          expect(await count(chunked)).toBe(expected);
        }
      },
    );

    it('took the native path for every query of the table', () => {
      expect(paths.length).toBeGreaterThan(groupCases.length);
      expect(paths.filter((p) => p.path === 'fallback')).toEqual([]);
    });

    it('hands plans it does not handle back to RxDB, which fails the same way', async () => {
      // A single-field index hint: RxDB names it '[pk]', an index Dexie never creates.
      const name = collections[0]!;
      const query: MangoQuery<Row> = { selector: {}, index: ['pk'] };
      const before = paths.length;
      const outcome = (db: AppDatabase) =>
        storageQuery(db, name, query, 'raw').then(
          () => 'resolved',
          (err: Error) => err.name,
        );
      const reference = await outcome(plain);
      expect(await outcome(optimised)).toBe(reference);
      expect(paths.slice(before)).toEqual([{ path: 'fallback', collection: name }]);
    });
  },
);

describe('the query table', () => {
  it('covers every plan shape the native read treats differently', () => {
    expect([...shapes].sort()).toEqual([
      'selector by index, sort by index, limit',
      'selector by index, sort by index, no limit',
      'selector by index, sort sorted, limit',
      'selector by index, sort sorted, no limit',
      'selector matched, sort by index, limit',
      'selector matched, sort by index, no limit',
      'selector matched, sort sorted, limit',
      'selector matched, sort sorted, no limit',
    ]);
  });
});

describe('RxDB version guard', () => {
  it('is on for the installed RxDB; an RxDB upgrade must re-check dexie-index-query.ts against dexie-query.js', () => {
    expect(RXDB_VERSION).toBe(rxdbPackage.version);
    expect(isMirroredRxdbVersion(rxdbPackage.version)).toBe(true);
    expect(nativeIndexQueryEnabled).toBe(true);
  });

  it('is off for any other major', () => {
    expect(isMirroredRxdbVersion('16.21.0')).toBe(false);
    expect(isMirroredRxdbVersion('18.0.0')).toBe(false);
    expect(isMirroredRxdbVersion('170.0.0')).toBe(false);
  });
});
