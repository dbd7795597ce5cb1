import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src-shared/domain/ids';
import type { TokenResponse } from '../../src-shared/sync/auth-wire';
import type { WireDoc } from '../../src-shared/sync/wire';
import { ensureBootstrapAdmin } from '../../src-server/auth/bootstrap';
import { findUserByEmail } from '../../src-server/auth/accounts';
import { REUSE_GRACE_MS } from '../../src-server/auth/refresh-tokens';
import { edited } from './fixtures';
import { PASSWORD, pullAll, push, signUp, startServer, type TestServer } from './harness';

const DAY = 86_400_000;
let clock = Date.parse('2026-03-01T10:00:00.000Z');
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    now: () => clock,
    config: { rateLimits: { loginPerIpPerMinute: 1000, loginPerAccountPer15Minutes: 1000 } },
  });
});
afterAll(() => server.close());

const loginRes = (email: string, password: string, remoteAddress = '127.0.0.1') =>
  server.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password }, remoteAddress });
const refreshRes = (token: string) =>
  server.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: token } });
const health = (token: string) =>
  server.app.inject({
    method: 'POST',
    url: '/sync/inbox/pull',
    headers: { authorization: `Bearer ${token}` },
    payload: {},
  });

describe('login', () => {
  it('issues an access token that opens the sync routes and a refresh token stored only as its hash', async () => {
    const user = await signUp(server, 'recruiter', 'Login.Case@Example.org');
    const res = await loginRes('login.case@EXAMPLE.org', PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json<TokenResponse>();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900, user: { id: user.id, role: 'recruiter' } });
    expect((await health(body.access_token)).statusCode).toBe(200);
    const stored = await server.sql.query<{ token: string }>('SELECT token FROM refresh_tokens WHERE user_id = $1', [
      user.id,
    ]);
    expect(stored.map((r) => r.token)).toContain(sha256Hex(body.refresh_token));
    expect(stored.map((r) => r.token)).not.toContain(body.refresh_token);
    const passwordHash = (await findUserByEmail(server.sql, user.email))!.doc.password_hash!;
    expect(passwordHash.startsWith('$argon2id$')).toBe(true);
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const user = await signUp(server, 'proctor');
    const wrong = await loginRes(user.email, 'not the password');
    const unknown = await loginRes('nobody@example.org', PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
  });

  it('refuses malformed input with the field and rule named', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'not-an-email', password: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.email', rule: 'invalid_format' }),
        expect.objectContaining({ field: 'body.password', rule: 'too_small' }),
      ]),
    );
  });

  it('counts the login streak in UTC days', async () => {
    const user = await signUp(server, 'interviewer');
    const streakAfterLogin = async () => (await loginRes(user.email, PASSWORD)).json<TokenResponse>().user;
    // signUp signed in once already, today.
    clock += 3_600_000;
    expect(await streakAfterLogin()).toMatchObject({ login_streak: 1 });
    clock += DAY;
    expect(await streakAfterLogin()).toMatchObject({ login_streak: 2, max_login_streak: 2 });
    clock += 3 * DAY;
    expect(await streakAfterLogin()).toMatchObject({ login_streak: 1, max_login_streak: 2 });
  });

  it('stops accepting an access token once it expires', async () => {
    const user = await signUp(server, 'recruiter');
    expect((await health(user.token)).statusCode).toBe(200);
    clock += 901_000;
    expect((await health(user.token)).statusCode).toBe(401);
  });
});

describe('refresh tokens', () => {
  it('rotate on every refresh', async () => {
    const user = await signUp(server, 'recruiter');
    const first = await refreshRes(user.refresh);
    expect(first.statusCode).toBe(200);
    const next = first.json<TokenResponse>();
    expect(next.refresh_token).not.toBe(user.refresh);
    expect((await health(next.access_token)).statusCode).toBe(200);
    expect((await refreshRes(next.refresh_token)).statusCode).toBe(200);
  });

  it('revoke the whole family when a rotated token is presented again', async () => {
    const user = await signUp(server, 'recruiter');
    const rotated = (await refreshRes(user.refresh)).json<TokenResponse>();
    clock += REUSE_GRACE_MS + 1000;
    const replay = await refreshRes(user.refresh);
    expect(replay.statusCode).toBe(401);
    // The legitimate holder's newer token dies with it.
    expect((await refreshRes(rotated.refresh_token)).statusCode).toBe(401);
  });

  it('revoke the family when a rotated token comes back after its successor was used, even at once', async () => {
    const user = await signUp(server, 'recruiter');
    const rotated = (await refreshRes(user.refresh)).json<TokenResponse>();
    const after = (await refreshRes(rotated.refresh_token)).json<TokenResponse>();
    expect((await refreshRes(user.refresh)).statusCode).toBe(401);
    expect((await refreshRes(after.refresh_token)).statusCode).toBe(401);
  });

  it('survive lost answers: the previous token works again within a minute while its successor is unused', async () => {
    const user = await signUp(server, 'recruiter');
    await refreshRes(user.refresh); // rotated, but the answer never arrived
    clock += 5000;
    await refreshRes(user.refresh); // and again
    clock += 5000;
    const retried = await refreshRes(user.refresh);
    expect(retried.statusCode).toBe(200);
    const mine = retried.json<TokenResponse>();
    expect((await health(mine.access_token)).statusCode).toBe(200);
    expect((await refreshRes(mine.refresh_token)).statusCode).toBe(200);
    // Once the successor was used, the old token is a replay again.
    expect((await refreshRes(user.refresh)).statusCode).toBe(401);
  });

  it('are revoked by logout, and unknown tokens are refused', async () => {
    const user = await signUp(server, 'recruiter');
    const out = await server.app.inject({
      method: 'POST',
      url: '/auth/logout',
      payload: { refresh_token: user.refresh },
    });
    expect(out.statusCode).toBe(204);
    // The sign-in's access token ends with it, before it expires.
    expect((await health(user.token)).statusCode).toBe(401);
    expect((await refreshRes(user.refresh)).statusCode).toBe(401);
    expect((await refreshRes('x'.repeat(43))).statusCode).toBe(401);
  });

  it('expire', async () => {
    const user = await signUp(server, 'recruiter');
    clock += 31 * DAY;
    expect((await refreshRes(user.refresh)).statusCode).toBe(401);
  });
});

describe('accounts', () => {
  it('lose access at once when an admin deactivates them, and streak fields cannot be pushed', async () => {
    const admin = await signUp(server, 'admin');
    const user = await signUp(server, 'recruiter');
    const { documents } = await pullAll(server, admin, 'users');
    const doc = documents.find((d) => d.pk === user.id)! as WireDoc;
    expect(doc).not.toHaveProperty('password_hash');
    const res = await push(server, admin, 'users', [
      {
        assumedMasterState: doc,
        newDocumentState: edited(doc, { is_active: false, login_streak: 99, max_login_streak: 99 }),
      },
    ]);
    expect(res.json()).toEqual([]);
    expect((await health(user.token)).statusCode).toBe(401);
    expect((await loginRes(user.email, PASSWORD)).statusCode).toBe(401);
    const stored = (await findUserByEmail(server.sql, user.email))!.doc;
    expect(stored).toMatchObject({ is_active: false, login_streak: 1 });
    expect(stored.password_hash).toBeDefined();
  });

  it('start with a super admin from the environment, created once', async () => {
    const log = { info: () => undefined, warn: () => undefined };
    await ensureBootstrapAdmin(server.sql, { email: 'root@example.org', password: 'a long enough secret' }, log);
    await ensureBootstrapAdmin(server.sql, { email: 'root@example.org', password: 'another password!!' }, log);
    const res = await loginRes('root@example.org', 'a long enough secret');
    expect(res.json<TokenResponse>().user.role).toBe('super_admin');
  });
});

describe('rate limits', () => {
  it('limit login attempts per address and per account', async () => {
    const limited = await startServer({
      config: { rateLimits: { loginPerIpPerMinute: 4, loginPerAccountPer15Minutes: 3 } },
    });
    try {
      const user = await signUp(limited, 'recruiter');
      const attempt = (email: string, remoteAddress: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { email, password: 'wrong password' },
          remoteAddress,
        });
      // Per account: three attempts from anywhere, then even the right password waits.
      expect((await attempt(user.email, '10.0.0.1')).statusCode).toBe(401);
      expect((await attempt(user.email, '10.0.0.2')).statusCode).toBe(401);
      const third = await limited.app.inject({
        method: 'POST',
        url: '/auth/login',
        payload: { email: user.email, password: PASSWORD },
        remoteAddress: '10.0.0.3',
      });
      expect(third.statusCode).toBe(429);
      // Per address: four attempts from one address, whatever the accounts.
      for (let i = 0; i < 4; i++) expect((await attempt(`someone${i}@example.org`, '10.0.0.9')).statusCode).toBe(401);
      const blocked = await attempt('someone-else@example.org', '10.0.0.9');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json()).toMatchObject({ statusCode: 429 });
    } finally {
      await limited.close();
    }
  });
});
