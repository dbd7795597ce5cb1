import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_WRITE_LOCK } from '../../src-server/db/ddl';
import { selectFrom } from '../../src-server/db/rows';
import { Params } from '../../src-server/sync/filter-sql';
import { syncWriteLockCondition } from '../../src-server/sync/write-lock';
import { startServer, type TestServer } from './harness';

/*
 * A push takes the sync write lock inside the statement that loads and
 * row-locks its documents (push.ts). The lock must come first whatever that
 * statement finds: a writer holding row locks while it waits for the lock
 * could deadlock with the writer holding it.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('the sync write lock as a condition', () => {
  it('is held after a statement that found no row', async () => {
    const held = await server.sql.transaction(async (tx) => {
      const params = new Params([['no-such-answer']]);
      const condition = syncWriteLockCondition(params, server.sql.schema);
      const rows = await tx.query(
        `${selectFrom('answer')} WHERE r.id = ANY($1::text[]) AND ${condition} FOR UPDATE OF r`,
        params.values,
      );
      expect(rows).toEqual([]);
      return tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND classid = $1 AND pid = pg_backend_pid() AND granted`,
        [SYNC_WRITE_LOCK],
      );
    });
    expect(held[0]!.n).toBe(1);
  });
});
