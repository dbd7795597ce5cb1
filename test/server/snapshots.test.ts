import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_BYTES } from '../../src-shared/proctoring/snapshot-url';
import { ensureBlobSchema } from '../../src-server/blobs/schema';
import { create, signUp, startServer, type TestServer, type TestUser } from './harness';
import { setUpExam } from './exam-fixture';
import { jpegImage } from './jpeg-fixture';

/* The snapshot blob store over HTTP: who may upload and read, idempotence, and bad input. */

let server: TestServer;
let candidate: TestUser;
let other: TestUser;
let proctor: TestUser;
let recruiter: TestUser;
let sessionId: string;

/** A small real JPEG per seed; with a size, that many bytes (for the size limit, which is checked first). */
const jpeg = (seed: string, size?: number) => {
  if (size === undefined) return jpegImage(64, 48, seed.charCodeAt(0));
  const body = Buffer.alloc(size, seed);
  body.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return body;
};
const digest = (body: Buffer) => createHash('sha256').update(body).digest('hex');

function put(user: TestUser, body: Buffer, options: { session?: string; type?: string; name?: string } = {}) {
  return server.app.inject({
    method: 'PUT',
    url: `/blobs/snapshots/${options.name ?? digest(body)}?session_id=${options.session ?? sessionId}`,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': options.type ?? 'image/jpeg' },
    payload: body,
  });
}

function get(user: TestUser | undefined, name: string) {
  return server.app.inject({
    method: 'GET',
    url: `/blobs/snapshots/${name}`,
    headers: user ? { authorization: `Bearer ${user.token}` } : {},
  });
}

beforeAll(async () => {
  server = await startServer();
  [candidate, other, proctor, recruiter] = await Promise.all([
    signUp(server, 'candidate'),
    signUp(server, 'candidate'),
    signUp(server, 'proctor'),
    signUp(server, 'recruiter'),
  ]);
  const session = (await setUpExam(server, await signUp(server, 'admin'), [candidate])).session(candidate);
  sessionId = session.pk as string;
  await create(server, candidate, 'test_sessions', [session]);
});

afterAll(() => server.close());

describe('the snapshot blob store', () => {
  it('takes a candidate’s snapshot for their own session once, however often it is sent, and shows it to proctors', async () => {
    const body = jpeg('a');
    const first = await put(candidate, body);
    expect(first.statusCode, first.body).toBe(201);
    const again = await put(candidate, body);
    expect(again.statusCode).toBe(200);
    const rows = await server.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM snapshot_blobs WHERE sha256 = $1',
      [digest(body)],
    );
    expect(rows[0]!.n).toBe(1);

    const seen = await get(proctor, digest(body));
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(seen.rawPayload, body)).toBe(0);
  });

  it('never lets a candidate, even the one who sent it, or a recruiter read a snapshot', async () => {
    const body = jpeg('b');
    expect((await put(candidate, body)).statusCode).toBe(201);
    for (const user of [candidate, other, recruiter]) {
      const res = await get(user, digest(body));
      expect(res.statusCode, user.role).toBe(403);
      expect(res.json().message).toMatch(/proctors and admins/);
    }
    expect((await get(undefined, digest(body))).statusCode).toBe(401);
  });

  it('refuses uploads for someone else’s session or one the server does not know', async () => {
    const res = await put(other, jpeg('c'));
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/may not add snapshots/);
    expect((await put(candidate, jpeg('d'), { session: 'no-such-session' })).statusCode).toBe(403);
    expect((await put(proctor, jpeg('e'))).statusCode).toBe(403);
  });

  it('refuses a body that is not what its name says, not a JPEG, or too large, saying why', async () => {
    const body = jpeg('f');
    const misnamed = await put(candidate, body, { name: 'f'.repeat(64) });
    expect(misnamed.statusCode).toBe(400);
    expect(misnamed.json().message).toMatch(/SHA-256/);

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    expect((await put(candidate, png)).statusCode).toBe(415);
    const asPng = await put(candidate, body, { type: 'image/png' });
    expect(asPng.statusCode).toBe(415);

    const huge = await put(candidate, jpeg('g', MAX_SNAPSHOT_BYTES + 1));
    expect(huge.statusCode).toBe(413);

    const badName = await put(candidate, body, { name: 'not-a-digest' });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().errors[0].field).toBe('params.sha256');
  });

  it('answers 404 for a snapshot not uploaded yet', async () => {
    expect((await get(proctor, '0'.repeat(64))).statusCode).toBe(404);
  });

  it('keeps its own schema steps: a second start changes nothing, an edited step is refused', async () => {
    await ensureBlobSchema(server.sql);
    const steps = await server.sql.query<{ version: number }>('SELECT version FROM blob_schema_versions');
    expect(steps.map((s) => s.version)).toEqual([1]);
    await expect(ensureBlobSchema(server.sql, ['SELECT 1'])).rejects.toThrow(/changed after it was applied/);
  });
});
