/*
 * The one database interface the server uses. Two drivers implement it over
 * the same SQL: node-postgres for a real PostgreSQL (DATABASE_URL) and PGlite
 * (PostgreSQL compiled to WebAssembly) for a single-machine install and for
 * tests. Keep SQL to what both run: PGlite is a full PostgreSQL, so that is
 * everything except features needing several server processes.
 */

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with $1-style parameters. */
  query<R extends Row = Row>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** A script of several statements, without parameters. */
  exec(script: string): Promise<void>;
}

export interface Sql extends Queryable {
  readonly driver: 'pg' | 'pglite';
  /** The schema holding the app's tables (tests isolate themselves in their own). */
  readonly schema: string;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A PostgreSQL error as both drivers report it (SQLSTATE code and details). */
export interface PgError extends Error {
  code?: string;
  constraint?: string;
  detail?: string;
}

export function isPgError(error: unknown, code: string): error is PgError {
  return error instanceof Error && (error as PgError).code === code;
}

export const UNIQUE_VIOLATION = '23505';
export const SERIALIZATION_FAILURE = '40001';
