import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../src-shared/storage/layout';
import type { PushRow, WireDoc } from '../../src-shared/sync/wire';
import { SYNC_WRITE_LOCK } from '../../src-server/db/ddl';
import { writeRow } from '../../src-server/db/rows';
import { entityFields } from '../../src-shared/storage/stored-doc';
import { adminSettings, edited, notification, skill } from './fixtures';
import { pullAll, push, signUp, startServer, type TestServer, type TestUser } from './harness';

/*
 * Pull must never miss a row when writers commit concurrently and out of
 * order. On PostgreSQL (DATABASE_URL) the writers below really overlap; on
 * PGlite, which runs one transaction at a time, the same tests check the
 * same outcome.
 */

let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startServer();
  admin = await signUp(server, 'super_admin');
});
afterAll(() => server.close());

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Resolves once another transaction waits for the sync write lock (PGlite
 * queues whole transactions instead); fails if `done` says the other writer
 * finished without waiting, which is the bug this file is about.
 */
async function writerIsWaiting(done: () => boolean): Promise<void> {
  if (server.sql.driver !== 'pg') return;
  for (;;) {
    if (done()) expect.fail('the second writer committed while the first was still open');
    const rows = await server.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
         AND classid = $1::bigint::oid AND objid = (hashtext($2)::bigint & 4294967295)::oid`,
      [SYNC_WRITE_LOCK, server.sql.schema],
    );
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setImmediate(r));
  }
}

describe('change numbers', () => {
  it('follow commit order: a writer that starts second is numbered after the first one commits', async () => {
    const { seq: start } = await pullAll(server, admin, 'catalog');
    const first = skill('First writer');
    const second = skill('Second writer');
    const firstWrote = deferred();
    const releaseFirst = deferred();
    const t1 = server.sql.transaction(async (tx) => {
      await writeRow(tx, 'skill', entityFields(first));
      firstWrote.resolve();
      await releaseFirst.promise;
    });
    await firstWrote.promise;
    let secondDone = false;
    const t2 = server.sql
      .transaction(async (tx) => writeRow(tx, 'skill', entityFields(second)))
      .finally(() => {
        secondDone = true;
      });
    try {
      await writerIsWaiting(() => secondDone);
      if (server.sql.driver === 'pg') {
        // Neither is visible yet, and the second writer cannot commit past the first.
        expect((await pullAll(server, admin, 'catalog', start)).documents).toEqual([]);
      }
    } finally {
      releaseFirst.resolve();
      await Promise.all([t1, t2]);
    }
    const after = await pullAll(server, admin, 'catalog', start);
    expect(after.documents.map((d) => d.pk)).toEqual([first.pk, second.pk]);
  });
});

describe('many concurrent pushers and pullers', () => {
  const PUSHERS = 6;
  const ROUNDS = 8;
  const collections: CollectionName[] = ['catalog', 'inbox'];

  it('end with every puller holding exactly what the server holds', async () => {
    let pushing = true;
    const pushers = Array.from({ length: PUSHERS }, async (_, p) => {
      const mine = new Map<string, WireDoc>();
      for (let round = 0; round < ROUNDS; round++) {
        const collection = collections[(p + round) % 2]!;
        const rows: PushRow[] = [];
        if (collection === 'catalog') {
          rows.push({ newDocumentState: skill(`Skill ${p}-${round}`) });
          const previous = [...mine.values()].find((d) => d.kind === 'skill');
          if (previous)
            rows.push({
              assumedMasterState: previous,
              newDocumentState: edited(previous, { description: `edit ${round}` }),
            });
        } else {
          rows.push({ newDocumentState: notification(admin.id, { title: `N ${p}-${round}` }) });
          if (round === 1 && p === 0) rows.push({ newDocumentState: adminSettings(admin.id, { theme: 'dark' }) });
        }
        const res = await push(server, admin, collection, rows);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual([]);
        for (const row of rows) mine.set(row.newDocumentState.pk, row.newDocumentState);
      }
    });

    const pullers = Array.from({ length: 4 }, async (_, i) => {
      const collection = collections[i % 2]!;
      const replica = new Map<string, WireDoc>();
      let seq = 0;
      const catchUp = async () => {
        const batch = await pullAll(server, admin, collection, seq);
        for (const doc of batch.documents) replica.set(doc.pk, doc);
        seq = batch.seq;
      };
      while (pushing) await catchUp();
      await catchUp();
      return { collection, replica };
    });

    await Promise.all(pushers);
    pushing = false;
    const replicas = await Promise.all(pullers);
    for (const { collection, replica } of replicas) {
      const truth = await pullAll(server, admin, collection);
      expect(replica.size).toBe(truth.documents.length);
      for (const doc of truth.documents) expect(replica.get(doc.pk)).toEqual(doc);
    }
    const catalog = await pullAll(server, admin, 'catalog');
    expect(catalog.documents.filter((d) => (d.name as string).startsWith('Skill '))).toHaveLength(
      (PUSHERS * ROUNDS) / 2,
    );
  });
});
