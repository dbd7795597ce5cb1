import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Queryable, Row, Sql } from './sql';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<R extends Row = Row>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<R>(text, params as unknown[]);
      return result.rows;
    },
    async exec(script: string) {
      await target.exec(script);
    },
  };
}

function asSql(db: PGlite): Sql {
  const self = wrap(db);
  return {
    driver: 'pglite',
    schema: 'public',
    query: self.query,
    exec: self.exec,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async listen(channel, onNotify) {
      const unlisten = await db.listen(channel, onNotify);
      return () => unlisten();
    },
    close: () => db.close(),
  };
}

/**
 * PGlite runs one connection in-process; it queues queries and transactions
 * itself, so concurrent requests simply take turns.
 * @param dataDir a directory for a persistent database, or undefined for memory.
 * @param template a data directory dump (dumpPgliteTemplate) to start from
 *   instead of running initdb, which takes seconds; tests use it.
 */
export async function openPglite(dataDir?: string, template?: Blob): Promise<Sql> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, template ? { loadDataDir: template } : {});
  return asSql(db);
}

/** A dump of a new in-memory database after `prepare` (e.g. migrations), to start copies from. */
export async function dumpPgliteTemplate(prepare: (sql: Sql) => Promise<void>): Promise<Blob> {
  const db = await PGlite.create();
  try {
    await prepare(asSql(db));
    return await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
}
