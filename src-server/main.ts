import { buildApp } from './app';
import { ensureBootstrapAdmin } from './auth/bootstrap';
import { loadConfig } from './config';
import { openSql } from './db/open';

/*
 * The central sync server: `npm run server`. PostgreSQL when DATABASE_URL is
 * set, else PGlite in ASSIST_TEN_DATA_DIR (default .data/pglite).
 */
async function main() {
  const config = loadConfig();
  const sql = await openSql({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir });
  const app = await buildApp({ sql, config });
  await ensureBootstrapAdmin(sql, config.bootstrapAdmin, app.log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await sql.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info({ driver: sql.driver }, 'sync server ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
