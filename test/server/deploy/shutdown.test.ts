import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSql } from '../../../src-server/db/open';
import { skill } from '../fixtures';
import { openSseStream } from '../sse-client';
import { rawConnection, requestHead } from './raw-http';
import { buildBundle, PASSWORD, removeTempDirs, signIn, startServerProcess, tempDir } from './server-process';

/*
 * SIGTERM on the built server (src-server/main.ts): a push in flight completes and is stored, live
 * streams end, a request arriving after the signal gets 503, the process exits 0. On PGlite, or on the
 * PostgreSQL of DATABASE_URL in a schema of this file's own.
 *
 * "In flight" without timing: the push's head and half its body are sent, the server logs the request
 * (so it has begun), then SIGTERM, then the server logs "shutting down", and only then the rest of the
 * body follows. A readiness probe, begun before the signal and completed after it, gets 503.
 */

const databaseUrl = process.env.DATABASE_URL;
const schema = `deploy_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
let bundle: string;

beforeAll(() => {
  bundle = buildBundle();
});
afterAll(async () => {
  if (databaseUrl) {
    const sql = await openSql({ databaseUrl, schema });
    await sql.exec(`DROP SCHEMA ${schema} CASCADE`);
    await sql.close();
  }
  removeTempDirs();
});

describe('graceful shutdown', () => {
  it('finishes the push in flight, ends the live stream, refuses new requests with 503, exits 0', async () => {
    const dataDir = tempDir('shutdown');
    const admin = { email: 'admin@example.org', password: PASSWORD };
    const server = await startServerProcess(bundle, { dataDir, databaseUrl, databaseSchema: schema, admin });
    const token = await signIn(server.url, admin.email);

    const stream = await openSseStream(server.url, token);
    expect((await stream.next())?.event).toBe('resync');

    const doc = skill(`Graceful ${randomUUID()}`);
    const body = Buffer.from(JSON.stringify([{ newDocumentState: doc }]));
    const push = await rawConnection(server.port);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    push.write(requestHead('POST', '/sync/catalog/push', headers, body.length));
    push.write(body.subarray(0, 10));
    await server.waitForLog((l) => l.msg === 'incoming request' && l.req?.url === '/sync/catalog/push');
    // A probe whose head is not complete yet: its connection is busy, so closing the server keeps it.
    const probe = await rawConnection(server.port);
    probe.write('GET /ready HTTP/1.1\r\nhost: 127.0.0.1\r\n');

    server.child.kill('SIGTERM');
    await server.waitForLog((l) => l.msg === 'shutting down');
    // The stream ends (its client would reconnect, to another process behind a proxy).
    let event;
    while ((event = await stream.next())) expect(event.event).not.toBe('change');

    probe.write('\r\n');
    const ready = await probe.nextResponse();
    expect([ready.status, ready.headers.connection]).toEqual([503, 'close']);

    push.write(body.subarray(10));
    const pushed = await push.nextResponse();
    expect([pushed.status, JSON.parse(pushed.body)]).toEqual([200, []]);
    // Told to close: its next request goes out on a new connection, to a process that is not stopping.
    expect(pushed.headers.connection).toBe('close');
    await Promise.all([push.closed, probe.closed]);

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.map((l) => l.msg)).toContain('shut down');

    // Stored: read back from the database the process closed.
    const sql = await openSql(databaseUrl ? { databaseUrl, schema } : { pgliteDir: dataDir });
    try {
      const rows = await sql.query('SELECT name FROM skills WHERE skill_id = $1', [doc.pk]);
      expect(rows).toEqual([{ name: doc.name }]);
    } finally {
      await sql.close();
    }
  }, 120_000);
});
