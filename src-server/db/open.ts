import { migrate } from './migrate';
import { openPg } from './pg-driver';
import { openPglite } from './pglite-driver';
import type { Sql } from './sql';

export interface SqlOptions {
  /** A PostgreSQL connection string; PGlite is used when absent. */
  databaseUrl?: string;
  /** PGlite's data directory; undefined keeps the database in memory (tests). */
  pgliteDir?: string;
  /** PostgreSQL schema for the app's tables (pg driver only). */
  schema?: string;
  /** A PGlite data directory dump to start from (tests; see dumpPgliteTemplate). */
  pgliteTemplate?: Blob;
}

/** Opens the database with the driver the options call for and brings its schema up to date. */
export async function openSql(options: SqlOptions): Promise<Sql> {
  const sql = options.databaseUrl
    ? await openPg(options.databaseUrl, options.schema)
    : await openPglite(options.pgliteDir, options.pgliteTemplate);
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}
