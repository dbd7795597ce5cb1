import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import type { PullResponse, WireDoc } from '../../../src-shared/sync/wire';
import { openDatabase, type AppDatabase } from '../../../src-renderer/db/database';
import { memoryStorage } from '../../../src-renderer/db/storage';
import { ServerSession, startSync, type SyncClient } from '../../../src-renderer/sync';
import { fromWireForm, toWireForm } from '../../../src-renderer/sync/wire-form';
import { openSql } from '../../../src-server/db/open';
import type { Sql } from '../../../src-server/db/sql';
import { skill } from '../fixtures';
import { failoverProxy, type FailoverProxy } from './failover-proxy';
import {
  buildBundle,
  newJwtSecret,
  PASSWORD,
  removeTempDirs,
  signIn,
  startServerProcess,
  tempDir,
  type ServerProcess,
} from './server-process';

/*
 * The scale-out path: two server processes on one PostgreSQL (the same schema), stateless, sharing live
 * changes through LISTEN/NOTIFY. The product's sync client (RxDB on memory storage) talks to them through
 * a failover proxy: pulls and pushes go to A, the live stream to B. B is killed (SIGKILL) while the
 * client's stream is open on it; the proxy then sends the client's reconnect to A. Meanwhile a second
 * writer and the client itself keep writing. At the end the client holds exactly the server's rows.
 *
 * PostgreSQL only: PGlite is a database inside one process, so two processes cannot share it. CI's
 * second pass (`bash test/server/with-postgres.sh`) sets DATABASE_URL; without it this file is skipped.
 */

const databaseUrl = process.env.DATABASE_URL;
const schema = `failover_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
const admin = { email: 'admin@example.org', password: PASSWORD };
const FAST_BACKOFF = { baseMs: 20, maxMs: 200 };

let a: ServerProcess;
let b: ServerProcess;
let proxy: FailoverProxy;
let db: AppDatabase;
let sync: SyncClient;
let sql: Sql;
let writerToken: string;

async function writeThroughA(names: string[]): Promise<WireDoc[]> {
  const docs = names.map((name) => skill(name));
  const res = await fetch(`${a.url}/sync/catalog/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${writerToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(docs.map((d) => ({ newDocumentState: d }))),
  });
  expect([res.status, await res.json()]).toEqual([200, []]);
  return docs;
}

async function writeOnDevice(names: string[]): Promise<WireDoc[]> {
  const docs = names.map((name) => skill(name));
  for (const doc of docs) await db.collections.catalog!.insert(fromWireForm(doc) as never);
  return docs;
}

async function localDocs(): Promise<WireDoc[]> {
  const docs = await db.collections.catalog!.find().exec();
  return docs.map((d) => toWireForm(d.toJSON())).sort((x, y) => x.pk.localeCompare(y.pk));
}

/** Resolves once the device's catalog holds every one of `pks`. */
function deviceHolds(pks: string[]): Promise<unknown> {
  return firstValueFrom(
    db.collections
      .catalog!.find()
      .$.pipe(filter((docs) => pks.every((pk) => docs.some((d) => toWireForm(d.toJSON()).pk === pk)))),
  );
}

/** The server's view, read through the surviving process. */
async function serverDocs(): Promise<WireDoc[]> {
  const documents: WireDoc[] = [];
  let checkpoint: PullResponse['checkpoint'] = null;
  for (;;) {
    const res = await fetch(`${a.url}/sync/catalog/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ checkpoint, limit: 100 }),
    });
    const page = (await res.json()) as PullResponse;
    if (!page.documents.length) break;
    documents.push(...page.documents);
    checkpoint = page.checkpoint;
  }
  return documents.filter((d) => !d._deleted).sort((x, y) => x.pk.localeCompare(y.pk));
}

const streamsServedBy = (name: string) =>
  proxy.served.filter((s) => s.path === '/sync/stream' && s.upstream === name).length;

describe.skipIf(!databaseUrl)('two server processes on one PostgreSQL', () => {
  beforeAll(async () => {
    const bundle = buildBundle();
    // One key for both: a token from either process is good at the other (the processes keep no state).
    const shared = { databaseUrl, databaseSchema: schema, jwtSecret: newJwtSecret() };
    a = await startServerProcess(bundle, { ...shared, dataDir: tempDir('process-a'), admin });
    b = await startServerProcess(bundle, { ...shared, dataDir: tempDir('process-b') });
    sql = await openSql({ databaseUrl, schema });
    writerToken = await signIn(a.url, admin.email);
    const upstreams = { a: { name: 'a', port: a.port }, b: { name: 'b', port: b.port } };
    proxy = await failoverProxy((streaming) => (streaming ? [upstreams.b, upstreams.a] : [upstreams.a, upstreams.b]));

    db = await openDatabase({ name: `failover-${randomUUID()}`, storage: memoryStorage(), collections: ['catalog'] });
    const session = await ServerSession.login(proxy.url, admin.email, admin.password);
    sync = await startSync({
      db,
      baseUrl: proxy.url,
      session,
      role: 'super_admin',
      backoff: FAST_BACKOFF,
      retryTimeMs: 50,
    });
  }, 120_000);

  afterAll(async () => {
    await sync?.stop();
    await db?.close();
    await proxy?.close();
    for (const server of [a, b]) {
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    if (sql) {
      await sql.exec(`DROP SCHEMA ${schema} CASCADE`);
      await sql.close();
    }
    removeTempDirs();
  });

  it('loses and duplicates nothing when the process serving the live stream is killed', async () => {
    await firstValueFrom(sync.status$.pipe(filter((s) => s.online)));
    await sync.awaitInSync();
    expect([streamsServedBy('b'), streamsServedBy('a')]).toEqual([1, 0]);

    // Live, with the stream on B: writes through A reach the device (in sync, nothing pulls until a
    // RESYNC, so they come over B's stream), and the device's own pushes go to A.
    const before = [...(await writeThroughA(['Kotlin', 'Rust', 'Go'])), ...(await writeOnDevice(['Elm', 'Zig']))];
    await deviceHolds(before.map((d) => d.pk));
    await sync.awaitInSync();

    // Kill B mid-stream, and keep the client's reconnect waiting while writes land on A.
    proxy.holdStreams();
    b.child.kill('SIGKILL');
    expect(await b.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await proxy.waitingStreams(1);
    const during = await writeThroughA(['Haskell', 'OCaml', 'Scala']);
    const onDevice = await writeOnDevice(['Nim', 'Crystal']);
    proxy.releaseStreams();

    // B refuses connections now: the proxy hands the stream to A, whose RESYNC makes the device pull.
    const all = [...before, ...during, ...onDevice];
    await deviceHolds(all.map((d) => d.pk));
    await sync.awaitInSync();
    expect(streamsServedBy('a')).toBeGreaterThanOrEqual(1);
    expect(proxy.served.filter((s) => s.method === 'POST' && s.upstream !== 'a')).toEqual([]);

    // Nothing lost, nothing twice: the table holds each written row once, and the device exactly them.
    const [counts] = await sql.query<{ rows: number; distinct: number }>(
      'SELECT count(*)::int AS rows, count(DISTINCT skill_id)::int AS distinct FROM skills',
    );
    expect(counts).toEqual({ rows: all.length, distinct: all.length });
    const truth = await serverDocs();
    expect(truth.map((d) => d.pk)).toEqual(all.map((d) => d.pk).sort());
    expect(await localDocs()).toEqual(truth);
    expect(sync.getStatus()).toMatchObject({ online: true, pendingPush: 0, error: null });
  }, 120_000);
});
