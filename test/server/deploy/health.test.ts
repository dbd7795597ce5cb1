import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src-server/app';
import { loadMigrations } from '../../../src-server/db/migrate';
import type { Sql } from '../../../src-server/db/sql';
import { healthRoutes, ServerLifecycle } from '../../../src-server/http/health';
import { startServer, type TestServer } from '../harness';

/* GET /health (liveness) and GET /ready (readiness), src-server/http/health.ts. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** A bare Fastify with only the probes, over `sql`. */
async function probes(sql: Sql, lifecycle: ServerLifecycle) {
  const app = Fastify({ logger: false });
  await healthRoutes(app, { sql, lifecycle });
  return app;
}

const failing: Sql = new Proxy({} as Sql, {
  get: (_target, key) =>
    key === 'driver' ? 'pg' : key === 'query' ? () => Promise.reject(new Error('connection refused')) : undefined,
});

describe('readiness', () => {
  it('is ready on a built app whose database holds every migration', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', driver: server.sql.driver });
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await server.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({
      status: 'ok',
      driver: server.sql.driver,
    });
  });

  it('answers 503 while starting and once stopping, and closes connections once stopping', async () => {
    const lifecycle = new ServerLifecycle('starting');
    const app = await buildApp({ sql: server.sql, config: server.config, lifecycle, logger: false });
    try {
      let res = await app.inject({ method: 'GET', url: '/ready' });
      expect([res.statusCode, res.json()]).toEqual([503, { status: 'starting', driver: server.sql.driver }]);
      expect(res.headers.connection).not.toBe('close');

      lifecycle.markReady();
      expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);

      lifecycle.markStopping();
      res = await app.inject({ method: 'GET', url: '/ready' });
      expect([res.statusCode, res.json()]).toEqual([503, { status: 'stopping', driver: server.sql.driver }]);
      // Any route's response, so that keep-alive clients move to another process.
      res = await app.inject({ method: 'GET', url: '/health' });
      expect([res.statusCode, res.headers.connection]).toEqual([200, 'close']);

      lifecycle.markReady();
      expect(lifecycle.phase).toBe('stopping');
    } finally {
      await app.close();
    }
  });

  it('answers 503 while the database does not answer, and stays live', async () => {
    const app = await probes(failing, new ServerLifecycle());
    const res = await app.inject({ method: 'GET', url: '/ready' });
    expect([res.statusCode, res.json()]).toEqual([503, { status: 'database_unavailable', driver: 'pg' }]);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await app.close();
  });

  it('answers 503 while a migration this build ships is not applied', async () => {
    const latest = loadMigrations().at(-1)!;
    const [row] = await server.sql.query('SELECT * FROM schema_migrations WHERE version = $1', [latest.version]);
    await server.sql.query('DELETE FROM schema_migrations WHERE version = $1', [latest.version]);
    try {
      const app = await probes(server.sql, new ServerLifecycle());
      const res = await app.inject({ method: 'GET', url: '/ready' });
      expect([res.statusCode, res.json()]).toEqual([
        503,
        { status: 'migrations_pending', missing: [latest.version], driver: server.sql.driver },
      ]);
      await app.close();
    } finally {
      await server.sql.query(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
        [row!.version, row!.name, row!.checksum, row!.applied_at],
      );
    }
  });
});
