import pg from 'pg';
import { quoteIdent } from './ddl';
import type { Queryable, Row, Sql } from './sql';

/*
 * node-postgres returns bigint (int8) as a string to avoid precision loss.
 * Our int8 values (change numbers, counts) stay far below 2^53, and PGlite
 * returns them as numbers, so parse them as numbers here too: both drivers
 * must hand the same JavaScript values to the same code.
 */
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends Row = Row>(text: string, params: readonly unknown[] = []) {
      const result = await client.query<R>({ text, values: params as unknown[], types } as pg.QueryConfig);
      return result.rows;
    },
    async exec(script: string) {
      await client.query(script);
    },
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A pool of connections to PostgreSQL. `schema` confines the app to one
 * schema through each connection's search_path (the test suite gives every
 * test file its own, so files run in parallel on one cluster).
 */
export async function openPg(url: string, schema = 'public', maxConnections = 10): Promise<Sql> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name ${schema}`);
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, options: `-c search_path=${schema}` });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listenClient: pg.Client | undefined;

  async function listenConnection(): Promise<pg.Client> {
    if (listenClient) return listenClient;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    client.on('notification', (message) => {
      for (const callback of listeners.get(message.channel) ?? []) callback(message.payload ?? '');
    });
    client.on('error', () => undefined);
    listenClient = client;
    return client;
  }

  const self = wrap(pool);
  return {
    driver: 'pg',
    schema,
    query: self.query,
    exec: self.exec,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      const client = await listenConnection();
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await client.query(`LISTEN ${quoteIdent(channel)}`);
      }
      set.add(onNotify);
      return async () => {
        set.delete(onNotify);
      };
    },
    async close() {
      await listenClient?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
