import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../../src-shared/sync/auth-wire';
import { MAX_JSON_DEPTH } from '../../../src-server/http/json-depth';
import { adminSettings, assessment, questionSet, skill } from '../fixtures';
import { create, PASSWORD, pullAll, push, signUp, startServer, type TestServer, type TestUser } from '../harness';

/*
 * What reaches the server before (or without) authentication, over HTTP:
 * request bodies must not be read, parsed or validated for a request without
 * a valid access token; such requests are limited per client address; a
 * deeply nested JSON body is refused with a 400 before validation, whoever
 * sends it; and every endpoint that checks a password counts against one
 * per-account limit. Refusals are checked in what was stored, not only in
 * the status.
 */

const FAILURES_PER_MINUTE = 5;
let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startServer({
    listen: true,
    config: {
      rateLimits: {
        loginPerIpPerMinute: 1000,
        loginPerAccountPer15Minutes: 1000,
        authFailuresPerIpPerMinute: FAILURES_PER_MINUTE,
      },
    },
  });
  admin = await signUp(server, 'super_admin');
});
afterAll(() => server.close());

/** Each test that makes failing requests uses its own client address, so the limit's count is its own. */
let addressCounter = 0;
const freshAddress = () => `10.9.0.${++addressCounter}`;

const skillsNamed = async (name: string) =>
  (await server.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM skills WHERE name = $1', [name]))[0]!.n;

/** `{"a":{"a":…}}`, `depth` objects deep, as text (JSON.stringify of it would recurse as deep). */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

describe('an unauthenticated push', () => {
  it('is refused before its body is parsed, validated or even read', async () => {
    const remoteAddress = freshAddress();
    const send = (payload: string, authorization?: string) =>
      server.app.inject({
        method: 'POST',
        url: '/sync/catalog/push',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        payload,
        remoteAddress,
      });
    // Malformed JSON would be 400 and a body over the 32 MB push limit 413, had the body been read first.
    const malformed = await send('[{');
    expect([malformed.statusCode, malformed.json().message]).toEqual([
      401,
      'Missing bearer token: send "Authorization: Bearer <access token>"',
    ]);
    expect((await send(`[${'"x",'.repeat(9_000_000)}"x"]`, 'Bearer abc.def.ghi')).statusCode).toBe(401);
    // A valid document, without a token: refused and not stored.
    const row = skill('Unauthenticated skill');
    expect((await send(JSON.stringify([{ newDocumentState: row }]))).statusCode).toBe(401);
    expect(await skillsNamed('Unauthenticated skill')).toBe(0);
    // The same document with a token is taken.
    const taken = await send(JSON.stringify([{ newDocumentState: row }]), `Bearer ${admin.token}`);
    expect([taken.statusCode, taken.json()]).toEqual([200, []]);
    expect(await skillsNamed('Unauthenticated skill')).toBe(1);
  });

  it('is refused over a real socket while a large body is still on its way', async () => {
    const body = JSON.stringify([{ newDocumentState: skill('Big', { description: 'x'.repeat(1000) }) }]).padEnd(
      8 * 1024 * 1024,
      ' ',
    );
    const res = await fetch(`${server.url}/sync/catalog/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).catch((error: unknown) => error);
    // Either the 401 arrives, or the server closed the connection on the unread upload; never a parse.
    if (res instanceof Response) expect(res.status).toBe(401);
    expect(await skillsNamed('Big')).toBe(0);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('reaches neither the blob store nor the live stream', async () => {
    const remoteAddress = freshAddress();
    const sha = 'ab'.repeat(32);
    const put = await server.app.inject({
      method: 'PUT',
      url: `/blobs/snapshots/${sha}?session_id=s`,
      // Neither a JPEG nor the JPEG content type: it would be 415 had the body been looked at.
      headers: { 'content-type': 'text/plain' },
      payload: 'not a picture',
      remoteAddress,
    });
    expect(put.statusCode).toBe(401);
    const get = await server.app.inject({ method: 'GET', url: `/blobs/snapshots/${sha}`, remoteAddress });
    expect(get.statusCode).toBe(401);
    expect((await server.sql.query('SELECT sha256 FROM snapshot_blobs')).length).toBe(0);
    const stream = await fetch(`${server.url}/sync/stream`, { headers: { authorization: 'Bearer forged.token.x' } });
    expect(stream.status).toBe(401);
  });
});

describe('requests without a valid access token', () => {
  it(`are answered 429 past ${FAILURES_PER_MINUTE} a minute from one address; valid tokens still pass`, async () => {
    const remoteAddress = freshAddress();
    const attempt = (authorization?: string, address = remoteAddress) =>
      server.app.inject({
        method: 'GET',
        url: '/sync/catalog/pull',
        headers: authorization ? { authorization } : {},
        remoteAddress: address,
      });
    for (let i = 0; i < FAILURES_PER_MINUTE; i++)
      expect((await attempt(i % 2 ? undefined : `Bearer forged.${i}.x`)).statusCode).toBe(401);
    const limited = await attempt('Bearer forged.last.x');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // A kiosk with a valid token behind the same address is not locked out; other addresses are not counted.
    expect((await attempt(`Bearer ${admin.token}`)).statusCode).toBe(200);
    expect((await attempt(undefined, freshAddress())).statusCode).toBe(401);
  });
});

describe('deeply nested JSON', () => {
  const refusal = (res: { statusCode: number; json(): unknown }) => {
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      statusCode: 400,
      message: `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`,
      errors: [{ field: 'body', rule: 'max_depth' }],
    });
  };

  it('is refused with a 400 before validation, authenticated, and stores nothing', async () => {
    const deep = adminSettings(admin.id);
    const payload = JSON.stringify([{ newDocumentState: { ...deep, settings: { placeholder: true } } }]).replace(
      '{"placeholder":true}',
      nestedObject(5_000),
    );
    const res = await server.app.inject({
      method: 'POST',
      url: '/sync/inbox/push',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      payload,
    });
    refusal(res);
    expect((await server.sql.query('SELECT id FROM admin_settings WHERE user_id = $1', [admin.id])).length).toBe(0);
    // An array of arrays, and metadata of a proctoring event, alike.
    for (const [url, body] of [
      ['/sync/catalog/push', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
      ['/sync/proctoring_events/pull', `{"checkpoint":null,"limit":10,"metadata":${nestedObject(5_000)}}`],
    ] as const) {
      refusal(
        await server.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
          payload: body,
        }),
      );
    }
  });

  it('is refused with a 400 where no token is needed, and the server answers afterwards', async () => {
    const set = questionSet();
    await create(server, admin, 'question_bank', [set]);
    const exam = { ...assessment(admin.id), question_set_id: set.pk };
    await create(server, admin, 'assessments', [exam]);
    const deep = nestedObject(5_000);
    const bodies: [string, string][] = [
      ['/auth/login', `{"email":"${admin.email}","password":"${PASSWORD}","extra":${deep}}`],
      ['/auth/refresh', `{"refresh_token":${deep}}`],
      ['/auth/logout', `{"refresh_token":"${admin.refresh}","x":${deep}}`],
      ['/auth/station/assessments', `{"email":"${admin.email}","password":"${PASSWORD}","x":${deep}}`],
      [
        '/auth/station',
        `{"email":"${admin.email}","password":"${PASSWORD}","station_name":"D","assessment_ids":["${exam.pk}"],"x":${deep}}`,
      ],
      ['/auth/station/refresh', `{"refresh_token":"x","station_certificate":${deep}}`],
    ];
    for (const [url, payload] of bodies) {
      const res = await fetch(`${server.url}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
      });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { errors: { rule: string }[] }).errors[0]!.rule).toBe('max_depth');
    }
    // None of them signed anyone in or out: the admin's one sign-in is still live, no station was made.
    const tokens = await server.sql.query<{ user_id: string; is_revoked: boolean }>(
      'SELECT user_id, is_revoked FROM refresh_tokens',
    );
    expect(tokens).toEqual([{ user_id: admin.id, is_revoked: false }]);
    // Unauthenticated and deep on an authenticated route: the token is looked at first.
    const unauthenticated = await server.app.inject({
      method: 'POST',
      url: '/sync/inbox/push',
      headers: { 'content-type': 'application/json' },
      payload: `[${deep}]`,
      remoteAddress: freshAddress(),
    });
    expect(unauthenticated.statusCode).toBe(401);

    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await pullAll(server, admin, 'catalog')).documents.length).toBeGreaterThan(0);
  });

  it(`is accepted up to ${MAX_JSON_DEPTH} levels`, async () => {
    // Body: array > row > document > settings > …: settings nested to the limit exactly.
    const doc = { ...adminSettings(admin.id), settings: { placeholder: true } };
    const payload = JSON.stringify([{ newDocumentState: doc }]).replace(
      '{"placeholder":true}',
      nestedObject(MAX_JSON_DEPTH - 3),
    );
    const res = await server.app.inject({
      method: 'POST',
      url: '/sync/inbox/push',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      payload,
    });
    expect([res.statusCode, res.json()]).toEqual([200, []]);
    const [stored] = await server.sql.query<{ settings: unknown }>(
      'SELECT settings FROM admin_settings WHERE user_id = $1',
      [admin.id],
    );
    expect(JSON.stringify(stored?.settings)).toBe(nestedObject(MAX_JSON_DEPTH - 3));
    // One level more is refused.
    refusal(await push(server, admin, 'inbox', JSON.parse(payload.replace('{}', '{"a":{}}')) as unknown[]));
  });
});

describe('password checks', () => {
  it('share one counter per account across /auth/login and the station sign-in endpoints', async () => {
    const limited = await startServer({
      config: { rateLimits: { loginPerIpPerMinute: 1000, loginPerAccountPer15Minutes: 4 } },
    });
    try {
      const proctor = await signUp(limited, 'proctor'); // one attempt: the sign-up's login
      const post = (url: string, password: string) =>
        limited.app.inject({
          method: 'POST',
          url,
          payload: {
            email: proctor.email,
            password,
            ...(url === '/auth/station' ? { station_name: 'Desk', assessment_ids: ['a'] } : {}),
          },
        });
      expect((await post('/auth/login', 'wrong password 1')).statusCode).toBe(401);
      expect((await post('/auth/station/assessments', 'wrong password 2')).statusCode).toBe(401);
      expect((await post('/auth/station', 'wrong password 3')).statusCode).toBe(401);
      // Four attempts on this account in all: every endpoint now refuses, even the right password.
      for (const url of ['/auth/login', '/auth/station/assessments', '/auth/station']) {
        const res = await post(url, PASSWORD);
        expect([url, res.statusCode]).toEqual([url, 429]);
      }
      const signIns = await limited.sql.query('SELECT id FROM refresh_tokens WHERE user_id = $1', [proctor.id]);
      expect(signIns).toHaveLength(1);
      // Another account is not affected.
      const other = await signUp(limited, 'recruiter');
      const res = await limited.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: other.email, password: PASSWORD },
      });
      expect(res.json<TokenResponse>().user.id).toBe(other.id);
    } finally {
      await limited.close();
    }
  });
});
