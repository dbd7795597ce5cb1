import { buildApp } from './app';
import { ensureBootstrapAdmin } from './auth/bootstrap';
import { loadConfig } from './config';
import { openSql } from './db/open';
import { ServerLifecycle } from './http/health';

/*
 * The central sync server: `npm run server`, or `node out/server/main.js` once built (`npm run build:server`).
 * PostgreSQL when DATABASE_URL is set, else PGlite in ASSIST_TEN_DATA_DIR (default .data/pglite).
 *
 * SIGTERM (and SIGINT) shut it down gracefully, in this order:
 *   1. /ready answers 503, and every response from now on closes its connection (http/health.ts);
 *   2. app.close(): live streams end (sync/routes.ts preClose) so that their clients reconnect, to another
 *      process behind a proxy; the listening socket closes; requests in flight run to their end (a push
 *      is one transaction, sync/write/pipeline.ts) while the database is still open;
 *   3. the change feed and the score releaser stop (onClose hooks), the database closes, exit 0.
 * If that takes longer than SHUTDOWN_GRACE_MS, the process exits 1 anyway: a push cut short there rolls
 * back with its connection, and its client sends it again.
 */

/**
 * A push holds the write lock for a few statements (p99 132 ms with 200 kiosks, src-server/README.md);
 * 10 s covers a queue of them and stays well inside the 30 s a supervisor such as Kubernetes waits
 * before SIGKILL.
 */
const SHUTDOWN_GRACE_MS = 10_000;

async function main() {
  const config = loadConfig();
  const sql = await openSql({
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    pgliteDir: config.dataDir,
  });
  const lifecycle = new ServerLifecycle('starting');
  const app = await buildApp({ sql, config, lifecycle });
  await ensureBootstrapAdmin(sql, config.bootstrapAdmin, app.log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    lifecycle.markStopping();
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      await app.close();
      await sql.close();
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    app.log.info('shut down');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  lifecycle.markReady();
  app.log.info({ driver: sql.driver }, 'sync server ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
