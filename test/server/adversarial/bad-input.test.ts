import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../src-shared/sync/wire';
import { setUpExam } from '../exam-fixture';
import { jpegImage } from '../jpeg-fixture';
import { question, questionSet } from '../fixtures';
import { create, pull, pullAll, signUp, startServer, type TestServer, type TestUser } from '../harness';

/*
 * Input a security probe sent, over real HTTP: snapshot uploads that only
 * look like JPEGs, and query-string numbers that Number() would read but
 * that are not plain decimal digits. Each refusal is checked in what the
 * server stored afterwards, not only in the status.
 */

let server: TestServer;
let candidate: TestUser;
let admin: TestUser;
let sessionId: string;

const jpeg = (width?: number, height?: number) => jpegImage(width, height);

const digest = (body: Buffer) => createHash('sha256').update(body).digest('hex');

function upload(body: Buffer) {
  return server.app.inject({
    method: 'PUT',
    url: `/blobs/snapshots/${digest(body)}?session_id=${sessionId}`,
    headers: { authorization: `Bearer ${candidate.token}`, 'content-type': 'image/jpeg' },
    payload: body,
  });
}

const stored = async (body: Buffer) =>
  (
    await server.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM snapshot_blobs WHERE sha256 = $1', [
      digest(body),
    ])
  )[0]!.n;
const allStored = async () =>
  (await server.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM snapshot_blobs'))[0]!.n;

/** Offset of the first `FF marker` in `body`. */
const markerAt = (body: Buffer, marker: number) => body.indexOf(Buffer.from([0xff, marker]));

function getPull(query: string, user = admin) {
  return server.app.inject({
    method: 'GET',
    url: `/sync/question_bank/pull?${query}`,
    headers: { authorization: `Bearer ${user.token}` },
  });
}

beforeAll(async () => {
  server = await startServer();
  [candidate, admin] = await Promise.all([signUp(server, 'candidate'), signUp(server, 'admin')]);
  // The candidate's own session on an exam they are invited to: one they may add snapshots to.
  const session = (await setUpExam(server, admin, [candidate])).session(candidate);
  sessionId = session.pk as string;
  await create(server, candidate, 'test_sessions', [session]);
});

afterAll(() => server.close());

describe('snapshot uploads that are not real JPEGs', () => {
  const valid = jpeg();

  async function refused(body: Buffer, reason: RegExp) {
    const res = await upload(body);
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().message).toMatch(/^The body is not an acceptable JPEG image: /);
    expect(res.json().message).toMatch(reason);
    expect(await stored(body)).toBe(0);
  }

  it('refuses a truncated JPEG', async () => {
    await refused(valid.subarray(0, Math.floor(valid.length / 2)), /truncated: it ends inside the image data/);
    await refused(valid.subarray(0, valid.length - 1), /truncated/);
    await refused(valid.subarray(0, 100), /truncated/);
  });

  it('refuses the three JPEG magic bytes followed by garbage', async () => {
    await refused(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('GIF89a, or anything else')]),
      /malformed/,
    );
    await refused(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]), /truncated/);
  });

  it('refuses a valid JPEG header with no frame', async () => {
    // SOI and the JFIF APP0 segment, exactly as the encoder wrote them, then EOI.
    const header = valid.subarray(0, markerAt(valid, 0xdb));
    await refused(Buffer.concat([header, Buffer.from([0xff, 0xd9])]), /no frame header \(SOF\)/);
    // Every segment but the frame header: tables and image data, nothing that says how large.
    const sof = markerAt(valid, 0xc0);
    const noFrame = Buffer.concat([valid.subarray(0, sof), valid.subarray(sof + 2 + valid.readUInt16BE(sof + 2))]);
    await refused(noFrame, /before any frame header \(SOF\)/);
  });

  it('refuses a PNG', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
        '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    );
    await refused(png, /does not start with the JPEG start-of-image marker/);
  });

  it('refuses a huge declared resolution before decoding it', async () => {
    const bomb = Buffer.from(valid);
    const sof = markerAt(bomb, 0xc0);
    bomb.writeUInt16BE(60000, sof + 5); // height
    bomb.writeUInt16BE(60000, sof + 7); // width
    await refused(bomb, /resolution, 60000×60000, is too large/);
  });

  it('refuses a well-formed JPEG that does not decode', async () => {
    const sos = markerAt(valid, 0xda);
    const cutShort = Buffer.concat([valid.subarray(0, sos + 400), Buffer.from([0xff, 0xd9])]);
    await refused(cutShort, /could not be decoded/);
  });

  it('accepts a valid JPEG, stores it byte for byte, and stored nothing else', async () => {
    const before = await allStored();
    const res = await upload(valid);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ sha256: digest(valid), size: valid.length });
    const [row] = await server.sql.query<{ bytes: Uint8Array; size: number }>(
      'SELECT bytes, size FROM snapshot_blobs WHERE sha256 = $1',
      [digest(valid)],
    );
    expect(Buffer.compare(Buffer.from(row!.bytes), valid)).toBe(0);
    expect(row!.size).toBe(valid.length);
    const wide = jpeg(1280, 720);
    expect((await upload(wide)).statusCode).toBe(201);
    expect(await allStored()).toBe(before + 2);
    // Only these two rows exist: every refusal above left nothing behind.
    expect(before).toBe(0);
  });
});

describe('query-string numbers', () => {
  /** The position before three new documents, and the position of each. */
  let head: number;
  let total: number;
  const seqs: number[] = [];

  beforeAll(async () => {
    const before = await pullAll(server, admin, 'question_bank');
    head = before.seq;
    total = before.documents.length + 3;
    const set = questionSet();
    for (const doc of [set, question(set.pk), question(set.pk)]) await create(server, admin, 'question_bank', [doc]);
    for (let i = 0; i < 3; i++) {
      const page = (await pull(server, admin, 'question_bank', seqs[i - 1] ?? head, 1)).json<PullResponse>();
      seqs.push(page.checkpoint!.seq);
    }
  });

  it.each([
    ['0x10', 'hex'],
    ['1e3', 'an exponent'],
    ['%205', 'a leading space'],
    ['5%20', 'a trailing space'],
    ['5%0A', 'a trailing newline'],
    ['-1', 'a sign'],
    ['%2B5', 'a plus sign'],
    ['5.0', 'a fraction'],
    ['', 'nothing'],
    ['Infinity', 'Infinity'],
  ])('refuses checkpoint=%s (%s), naming the field', async (value) => {
    const res = await getPull(`checkpoint=${value}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: 'querystring.checkpoint',
        rule: 'invalid_format',
        message: 'must be a whole number in plain decimal digits',
      },
    ]);
  });

  it('refuses a 20-digit checkpoint as out of range', async () => {
    const res = await getPull('checkpoint=12345678901234567890');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'querystring.checkpoint', rule: 'too_big' });
    const over = await getPull(`checkpoint=${Number.MAX_SAFE_INTEGER + 1}`);
    expect(over.json().errors[0]).toMatchObject({ field: 'querystring.checkpoint', rule: 'too_big' });
  });

  it('refuses the same forms in limit, and a limit out of range', async () => {
    for (const value of ['0x10', '1e3', '%205', '-1', '5.0', '']) {
      const res = await getPull(`checkpoint=0&limit=${value}`);
      expect(res.statusCode, value).toBe(400);
      expect(res.json().errors[0], value).toMatchObject({ field: 'querystring.limit', rule: 'invalid_format' });
    }
    expect((await getPull('limit=0')).json().errors[0]).toMatchObject({
      field: 'querystring.limit',
      rule: 'too_small',
    });
    expect((await getPull('limit=2001')).json().errors[0]).toMatchObject({
      field: 'querystring.limit',
      rule: 'too_big',
    });
  });

  it('refuses a repeated parameter', async () => {
    const res = await getPull('checkpoint=1&checkpoint=2');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('querystring.checkpoint');
  });

  it('reads plain decimal numbers as before, as numbers', async () => {
    const from = (res: Awaited<ReturnType<typeof getPull>>) => {
      expect(res.statusCode, res.body).toBe(200);
      return res.json<PullResponse>();
    };
    expect(from(await getPull('')).documents).toHaveLength(total); // both omitted: from the start, the default limit
    expect(from(await getPull('checkpoint=0&limit=2')).documents).toHaveLength(2);
    expect(from(await getPull(`checkpoint=${head}`)).documents).toHaveLength(3);
    const after = from(await getPull(`checkpoint=${seqs[0]}`));
    expect(after.checkpoint).toEqual({ seq: seqs[2] });
    expect(after.documents).toHaveLength(2);
    expect(from(await getPull(`checkpoint=${String(seqs[0]).padStart(5, '0')}&limit=1`)).checkpoint).toEqual({
      seq: seqs[1],
    });
    expect(from(await getPull(`checkpoint=${Number.MAX_SAFE_INTEGER}&limit=2000`)).documents).toEqual([]);
  });

  it('takes the POST body limit only as a JSON number', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/sync/question_bank/pull',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { checkpoint: null, limit: '0x10' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.limit');
    expect((await pull(server, admin, 'question_bank', 0, 2)).json<PullResponse>().documents).toHaveLength(2);
  });
});
