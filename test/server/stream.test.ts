import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PULL_LIMIT, type PullResponse, type WireDoc } from '../../src-shared/sync/wire';
import { assessment, assessmentToken, notification, questionSet, skill } from './fixtures';
import { setUpExam, type Exam } from './exam-fixture';
import { create, login, PASSWORD, signUp, startServer, type TestServer, type TestUser } from './harness';
import { writeRows } from '../../src-server/db/rows';
import { takeSyncWriteLock } from '../../src-server/sync/write-lock';
import { entityFields } from '../../src-shared/storage/stored-doc';
import { openSseStream } from './sse-client';
import { signInStation } from './station-harness';

/* The live stream and plain HTTP, over a real listening socket. */

let server: TestServer;
let admin: TestUser;
let alice: TestUser;
let bob: TestUser;
let exam: Exam;

beforeAll(async () => {
  server = await startServer({ listen: true });
  admin = await signUp(server, 'super_admin');
  alice = await signUp(server, 'candidate');
  bob = await signUp(server, 'candidate');
  exam = await setUpExam(server, admin, []);
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
    await httpPush(bob, 'test_sessions', [{ newDocumentState: await exam.freshSession(bob) }]);
    const mine = await exam.freshSession(alice);
    await httpPush(alice, 'test_sessions', [{ newDocumentState: mine }]);
    // Bob's session, written first, never shows up on Alice's stream.
    expect((await aliceStream.nextChange('test_sessions')).documents).toEqual([mine]);
    aliceStream.close();
  });

  it('gives each of many streams of one role only its own rows, also after others’ changes', async () => {
    // The streams of one role share one query per collection (stream-pull.ts), each bound to its own principal.
    const carol = await signUp(server, 'candidate');
    const users = [alice, bob, carol];
    const streams = await Promise.all(users.map((u) => openStream(u)));
    for (const stream of streams) expect((await stream.next())!.event).toBe('resync');
    for (let round = 0; round < 2; round++) {
      const sessions = await Promise.all(users.map((u) => exam.freshSession(u)));
      for (const [i, user] of users.entries())
        await httpPush(user, 'test_sessions', [{ newDocumentState: sessions[i] }]);
      for (const [i, stream] of streams.entries()) {
        expect((await stream.nextChange('test_sessions')).documents).toEqual([sessions[i]]);
      }
    }
    for (const stream of streams) stream.close();
  });

  it('gives each exam station the invitations of its own assessments only', async () => {
    const proctor = await signUp(server, 'proctor');
    const set = questionSet();
    await create(server, admin, 'question_bank', [set]);
    const exams = [assessment(admin.id), assessment(admin.id)].map((a) => ({ ...a, question_set_id: set.pk }));
    await create(server, admin, 'assessments', exams);
    const stations = await Promise.all(exams.map((e, i) => signInStation(server, proctor.email, [e.pk], `Desk ${i}`)));
    const streams = await Promise.all(stations.map((s) => openStream(s)));
    for (const stream of streams) expect((await stream.next())!.event).toBe('resync');
    const invitations = exams.map((e, i) => assessmentToken(e.pk, admin.id, `invitee${i}@example.org`));
    for (const invitation of invitations) await create(server, admin, 'assessments', [invitation]);
    for (const [i, stream] of streams.entries()) {
      const change = await stream.nextChange('assessments');
      expect(change.documents.map((d) => d.pk)).toEqual([invitations[i]!.pk]);
      // Stations never receive an invitation's token.
      expect(change.documents[0]).not.toHaveProperty('token');
    }
    for (const stream of streams) stream.close();
  });

  it('carries more changes than one batch holds, all of them, in order', async () => {
    const stream = await openStream(admin);
    expect((await stream.next())!.event).toBe('resync');
    const skills = Array.from({ length: MAX_PULL_LIMIT + 5 }, (_, i) => skill(`Batch skill ${i}`));
    // One commit (a push takes at most 500), so one wake-up finds more than a batch.
    await server.sql.transaction(async (tx) => {
      await takeSyncWriteLock(tx, server.sql.schema);
      await writeRows(
        tx,
        'skill',
        skills.map((d) => ({ doc: entityFields(d), deleted: false })),
      );
    });
    const received: WireDoc[] = [];
    let checkpoint = 0;
    while (received.length < skills.length) {
      const change = await stream.nextChange('catalog');
      expect(change.checkpoint.seq).toBeGreaterThan(checkpoint);
      checkpoint = change.checkpoint.seq;
      received.push(...change.documents);
    }
    expect(received.map((d) => d.pk)).toEqual(skills.map((d) => d.pk));
    stream.close();
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
