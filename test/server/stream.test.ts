import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src-shared/sync/wire';
import { notification, skill, testSession } from './fixtures';
import { login, PASSWORD, signUp, startServer, type TestServer, type TestUser } from './harness';
import { openSseStream } from './sse-client';

/* The live stream and plain HTTP, over a real listening socket. */

let server: TestServer;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer({ listen: true });
  admin = await signUp(server, 'super_admin');
  alice = await signUp(server, 'candidate');
  bob = await signUp(server, 'candidate');
});
afterAll(() => server.close());

const openStream = (user: TestUser, headers: Record<string, string> = {}) =>
  openSseStream(server.url!, user.token, headers);

async function httpPush(user: TestUser, collection: string, rows: unknown[]) {
  const res = await fetch(`${server.url}/sync/${collection}/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe('the live stream', () => {
  it('starts with RESYNC, then carries every change, the writer’s own included', async () => {
    const stream = await openStream(admin, { origin: 'http://localhost:5173' });
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(await stream.next()).toEqual({ event: 'resync', data: '"RESYNC"' });
    const s = skill('Streaming');
    expect(await httpPush(admin, 'catalog', [{ newDocumentState: s }])).toEqual([]);
    const change = await stream.nextChange('catalog');
    expect(change.documents).toEqual([s]);
    expect(change.checkpoint.seq).toBeGreaterThan(0);
    // A second collection on the same connection.
    const n = notification(admin.id);
    await httpPush(admin, 'inbox', [{ newDocumentState: n }]);
    expect((await stream.nextChange('inbox')).documents).toEqual([n]);
    stream.close();
  });

  it('carries only what the role may pull, stripped as in a pull', async () => {
    const aliceStream = await openStream(alice);
    expect((await aliceStream.next())!.event).toBe('resync');
    await httpPush(bob, 'test_sessions', [{ newDocumentState: testSession(bob) }]);
    const mine = testSession(alice);
    await httpPush(alice, 'test_sessions', [{ newDocumentState: mine }]);
    // Bob's session, written first, never shows up on Alice's stream.
    expect((await aliceStream.nextChange('test_sessions')).documents).toEqual([mine]);
    aliceStream.close();
  });

  it('refuses a missing token, and ends when the access token expires', async () => {
    const res = await fetch(`${server.url}/sync/stream`);
    expect(res.status).toBe(401);
    const shortLived = await startServer({ listen: true, config: { accessTokenSeconds: 1 } });
    try {
      await signUp(shortLived, 'recruiter', 'short@example.org');
      const tokens = await login(shortLived, 'short@example.org', PASSWORD);
      const stream = await fetch(`${shortLived.url}/sync/stream`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(stream.status).toBe(200);
      // Reading to the end returns: the server closed the stream at expiry.
      const text = await stream.text();
      expect(text).toContain('RESYNC');
    } finally {
      await shortLived.close();
    }
  });
});

describe('plain HTTP over the socket', () => {
  it('serves compressed pulls to fetch, and answers CORS preflights for the renderer only', async () => {
    for (let i = 0; i < 20; i++)
      await httpPush(admin, 'catalog', [{ newDocumentState: skill(`Bulk ${i}`, { description: 'x'.repeat(200) }) }]);
    const res = await fetch(`${server.url}/sync/catalog/pull?limit=1000`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.headers.get('content-encoding')).toMatch(/gzip|br|deflate/);
    expect(((await res.json()) as PullResponse).documents.length).toBeGreaterThanOrEqual(20);
    const preflight = await fetch(`${server.url}/sync/catalog/push`, {
      method: 'OPTIONS',
      headers: {
        origin: 'app://assist-ten',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('app://assist-ten');
    const foreign = await fetch(`${server.url}/sync/catalog/push`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
