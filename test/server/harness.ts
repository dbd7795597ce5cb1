import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { UserRole } from '../../src-shared/domain/enums';
import type { PrincipalRole } from '../../src-shared/permissions/principal';
import type { CollectionName } from '../../src-shared/storage/layout';
import type { TokenResponse } from '../../src-shared/sync/auth-wire';
import type { PullResponse, PushRow, WireDoc } from '../../src-shared/sync/wire';
import { buildApp } from '../../src-server/app';
import { createAccount } from '../../src-server/auth/accounts';
import { DEFAULT_CORS_ORIGINS, type ServerConfig } from '../../src-server/config';
import { openSql } from '../../src-server/db/open';
import { loadMigrations, migrate } from '../../src-server/db/migrate';
import { dumpPgliteTemplate } from '../../src-server/db/pglite-driver';
import { sha256Hex } from '../../src-shared/domain/ids';
import type { Sql } from '../../src-server/db/sql';

/*
 * A server per test file: PGlite in memory by default, or the PostgreSQL
 * named by DATABASE_URL (CI's second run), where each server gets its own
 * schema so test files can share one cluster in parallel.
 */

export interface TestServer {
  app: FastifyInstance;
  sql: Sql;
  config: ServerConfig;
  /** Base URL once `listen` was asked for. */
  url?: string;
  close(): Promise<void>;
}

export interface StartOptions {
  listen?: boolean;
  now?: () => number;
  config?: Partial<ServerConfig>;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

/**
 * PGlite's initdb takes seconds on a busy machine; copying a migrated data
 * directory takes a fraction. The copy is cached in the temp directory, keyed
 * by the migrations, and written atomically since test files run in parallel.
 */
async function pgliteTemplate(): Promise<Blob> {
  const key = sha256Hex(
    loadMigrations()
      .map((m) => m.sql)
      .join('\n'),
  ).slice(0, 16);
  const file = join(tmpdir(), `assist-ten-pglite-template-${key}.tar`);
  if (!existsSync(file)) {
    const dump = await dumpPgliteTemplate(async (sql) => void (await migrate(sql)));
    const partial = `${file}.${process.pid}.${randomUUID()}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const schema = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const databaseUrl = process.env.DATABASE_URL;
  const sql = await openSql({ databaseUrl, schema, pgliteTemplate: databaseUrl ? undefined : await pgliteTemplate() });
  const config: ServerConfig = {
    host: '127.0.0.1',
    port: 0,
    dataDir: '/nonexistent',
    jwtSecret: randomBytes(32),
    accessTokenSeconds: 900,
    refreshTokenDays: 30,
    corsOrigins: DEFAULT_CORS_ORIGINS,
    rateLimits: { loginPerIpPerMinute: 1000, loginPerAccountPer15Minutes: 1000 },
    streamHeartbeatMs: 60_000,
    logLevel: 'silent',
    ...options.config,
  };
  const app = await buildApp({ sql, config, now: options.now, logger: false });
  let url: string | undefined;
  if (options.listen) url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    sql,
    config,
    url,
    async close() {
      await app.close();
      if (sql.driver === 'pg') await sql.exec(`DROP SCHEMA ${schema} CASCADE`);
      await sql.close();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  /** A user's role, or `station` for an exam station (station-harness.ts). */
  role: PrincipalRole;
  token: string;
  refresh: string;
}

let userCounter = 0;

/** Creates an account with PASSWORD and signs it in. */
export async function signUp(
  server: TestServer,
  role: UserRole,
  email = `${role}${++userCounter}@example.org`,
): Promise<TestUser> {
  await createAccount(server.sql, { email, password: PASSWORD, fullName: `Test ${role}`, role }, new Date());
  const tokens = await login(server, email, PASSWORD);
  return { id: tokens.user.id, email, role, token: tokens.access_token, refresh: tokens.refresh_token };
}

export async function login(server: TestServer, email: string, password: string): Promise<TokenResponse> {
  const res = await server.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

const auth = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });

export function pull(
  server: TestServer,
  user: TestUser,
  collection: CollectionName,
  since = 0,
  limit = 1000,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: `/sync/${collection}/pull`,
    headers: auth(user),
    payload: { checkpoint: since ? { seq: since } : null, limit },
  });
}

/** Pulls a collection to the end; fails the test on any non-200. */
export async function pullAll(
  server: TestServer,
  user: TestUser,
  collection: CollectionName,
  since = 0,
): Promise<{ documents: WireDoc[]; seq: number }> {
  const documents: WireDoc[] = [];
  let seq = since;
  for (;;) {
    const res = await pull(server, user, collection, seq, 100);
    if (res.statusCode !== 200) throw new Error(`pull ${collection}: ${res.statusCode} ${res.body}`);
    const body = res.json<PullResponse>();
    documents.push(...body.documents);
    if (!body.documents.length) return { documents, seq };
    seq = body.checkpoint!.seq;
  }
}

export function push(
  server: TestServer,
  user: TestUser,
  collection: CollectionName,
  rows: PushRow[] | unknown,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: `/sync/${collection}/push`,
    headers: auth(user),
    payload: rows as object,
  });
}

/** Pushes new documents (no assumed master state); fails the test unless accepted without conflicts. */
export async function create(
  server: TestServer,
  user: TestUser,
  collection: CollectionName,
  docs: WireDoc[],
): Promise<void> {
  const res = await push(
    server,
    user,
    collection,
    docs.map((d) => ({ newDocumentState: d })),
  );
  if (res.statusCode !== 200 || res.json<unknown[]>().length)
    throw new Error(`create in ${collection}: ${res.statusCode} ${res.body}`);
}
