import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectedId } from '@shared/storage/stored-doc';
import { openDatabase, type AppDatabase } from '../db/database';
import { memoryStorage } from '../db/storage';
import { repo } from '../db/repository';
import type { ServerSession } from '../sync/server-session';
import type { SyncLink } from '../sync/sync-controller';
import type { FetchLike } from '../sync/transport';
import { AuthError, INVALID_CREDENTIALS_MESSAGE } from './auth-service';
import { hasLocalPassword, setLocalPassword } from './local-verifier';
import { browserStorageTokens, type RefreshTokenStore } from './refresh-token-store';
import { findServerAccount } from './server-accounts';
import { createServerAuth, OFFLINE_UNKNOWN_ACCOUNT_MESSAGE, TOO_MANY_ATTEMPTS_MESSAGE } from './server-auth-service';

/* Server sign-in with offline unlock, against a stand-in for the server's /auth routes. */

const SERVER = 'http://sync.test';
const PASSWORD = 'correct horse battery staple';
const EMAIL = 'ines@example.org';
const USER_ID = expectedId('user', { email: EMAIL })!;

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The server's auth routes, in memory: one account, rotating refresh tokens, revocation on logout. */
function fakeServer() {
  const state = { up: true, issued: 0, status: 0, calls: [] as string[], live: new Set<string>() };
  const tokens = () => {
    const refresh = `refresh-${++state.issued}-${'x'.repeat(24)}`;
    state.live.add(refresh);
    return {
      token_type: 'Bearer',
      access_token: `access-${state.issued}`,
      expires_in: 900,
      refresh_token: refresh,
      user: {
        id: USER_ID,
        email: EMAIL,
        full_name: 'Ines Duarte',
        role: 'interviewer',
        login_streak: 1,
        max_login_streak: 1,
      },
    };
  };
  const fetchImpl: FetchLike = async (input, init) => {
    const path = new URL(String(input)).pathname;
    state.calls.push(path);
    if (!state.up) throw new TypeError('Failed to fetch');
    if (state.status) return json(state.status, { message: 'refused' });
    const body = JSON.parse(String(init?.body)) as Record<string, string>;
    if (path === '/auth/login') {
      return body.email === EMAIL && body.password === PASSWORD ? json(200, tokens()) : json(401, { message: 'no' });
    }
    if (path === '/auth/refresh') {
      if (!state.live.delete(body.refresh_token!)) return json(401, { message: 'revoked' });
      return json(200, tokens());
    }
    if (path === '/auth/logout') {
      state.live.clear();
      return new Response(null, { status: 204 });
    }
    return json(404, {});
  };
  return { state, fetchImpl };
}

let db: AppDatabase;
let server: ReturnType<typeof fakeServer>;
let tokens: RefreshTokenStore;
let links: (SyncLink | null)[];
let online: boolean;

function auth({ serverUrl }: { serverUrl?: string } = { serverUrl: SERVER }) {
  return createServerAuth({
    serverUrl: async () => serverUrl,
    tokens,
    sync: {
      connect: async (link) => void links.push(link),
      disconnect: async () => void links.push(null),
    },
    fetch: server.fetchImpl,
    isOnline: () => online,
  })(db);
}

beforeEach(async () => {
  db = await openDatabase({ name: `auth-${crypto.randomUUID()}`, storage: memoryStorage(), collections: ['users'] });
  server = fakeServer();
  const memory = new Map<string, string>();
  tokens = browserStorageTokens({
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
    removeItem: (key) => void memory.delete(key),
  });
  links = [];
  online = true;
});
afterEach(async () => {
  await db.close();
});

async function refusal(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

describe('server sign-in', () => {
  it('signs in against the server and keeps what offline unlock needs: a verifier, the account, the refresh token', async () => {
    const user = await auth().signIn({ email: EMAIL, password: PASSWORD });
    expect(user).toEqual({ id: USER_ID, email: EMAIL, full_name: 'Ines Duarte', role: 'interviewer', server: SERVER });
    expect(server.state.calls).toEqual(['/auth/login']);
    expect(await hasLocalPassword(db, USER_ID)).toBe(true);
    expect(await findServerAccount(db, USER_ID)).toMatchObject({ serverUrl: SERVER, user: { role: 'interviewer' } });
    expect(await tokens.load()).toEqual({ serverUrl: SERVER, userId: USER_ID, token: `refresh-1-${'x'.repeat(24)}` });
    // Never the password, in any local document.
    const local = await Promise.all(
      [`verifier:${USER_ID}`, `server-account:${USER_ID}`, 'server-accounts'].map((id) => db.getLocal(id)),
    );
    expect(JSON.stringify(local.map((doc) => doc?.toJSON()))).not.toContain(PASSWORD);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ baseUrl: SERVER, userId: USER_ID });
  });

  it('takes the server’s word over this device’s when the server answers', async () => {
    await setLocalPassword(db, USER_ID, 'an older password');
    const error = await refusal(auth().signIn({ email: EMAIL, password: 'an older password' }));
    expect(error.message).toBe(INVALID_CREDENTIALS_MESSAGE);
    server.state.status = 429;
    expect((await refusal(auth().signIn({ email: EMAIL, password: PASSWORD }))).message).toBe(
      TOO_MANY_ATTEMPTS_MESSAGE,
    );
  });

  it('unlocks offline after one online sign-in and resumes sync from the kept refresh token', async () => {
    await auth().signIn({ email: EMAIL, password: PASSWORD });
    server.state.up = false;
    const user = await auth().signIn({ email: EMAIL, password: PASSWORD });
    expect(user).toMatchObject({ id: USER_ID, server: SERVER });
    const resumed = links.at(-1)!.session as ServerSession;
    expect(resumed.accessToken()).toBeUndefined();
    expect(resumed.refreshToken).toBe(`refresh-1-${'x'.repeat(24)}`);

    // Back online: the first request refreshes, and the new refresh token replaces the kept one.
    server.state.up = true;
    expect(await resumed.refresh()).toBe(true);
    expect(resumed.accessToken()).toBe('access-2');
    await expect.poll(async () => (await tokens.load())?.token).toBe(`refresh-2-${'x'.repeat(24)}`);
  });

  it('refuses offline what it cannot check: a wrong password, an account never signed in here', async () => {
    await auth().signIn({ email: EMAIL, password: PASSWORD });
    server.state.up = false;
    expect((await refusal(auth().signIn({ email: EMAIL, password: 'not the password' }))).message).toBe(
      INVALID_CREDENTIALS_MESSAGE,
    );
    expect((await refusal(auth().signIn({ email: 'kenji@example.org', password: PASSWORD }))).message).toBe(
      OFFLINE_UNKNOWN_ACCOUNT_MESSAGE,
    );
  });

  it('does not try the server when the browser knows it is offline', async () => {
    await auth().signIn({ email: EMAIL, password: PASSWORD });
    server.state.calls.length = 0;
    online = false;
    await auth().signIn({ email: EMAIL, password: PASSWORD });
    expect(server.state.calls).toEqual([]);
  });

  it('unlocks offline without sync when no refresh token of the account is kept', async () => {
    await auth().signIn({ email: EMAIL, password: PASSWORD });
    await tokens.clear();
    server.state.up = false;
    await auth().signIn({ email: EMAIL, password: PASSWORD });
    expect(links.at(-1)).toBeNull();
  });

  it('signs demo accounts of this device in locally, without asking the server', async () => {
    const demo = await repo(db, 'user').create({
      email: 'recruiter@demo.assist-ten.test',
      full_name: 'Rania',
      role: 'recruiter',
    });
    await setLocalPassword(db, demo.id, 'demo password');
    const user = await auth().signIn({ email: demo.email, password: 'demo password' });
    expect(user).toEqual({ id: demo.id, email: demo.email, full_name: 'Rania', role: 'recruiter' });
    expect(server.state.calls).toEqual([]);
    expect(links).toEqual([null]);
    // And without a configured server, every account is a device account.
    await expect(auth({}).signIn({ email: EMAIL, password: PASSWORD })).rejects.toThrow(AuthError);
    expect(server.state.calls).toEqual([]);
  });

  it('signs out by revoking the session on the server and forgetting the refresh token, for good', async () => {
    const service = auth();
    const user = await service.signIn({ email: EMAIL, password: PASSWORD });
    const session = links.at(-1)!.session as ServerSession;
    await service.signOut(user);
    expect(server.state.calls).toEqual(['/auth/login', '/auth/logout']);
    expect(links.at(-1)).toBeNull();
    expect(await tokens.load()).toBeUndefined();
    // A rotation that lands after sign-out does not bring a token back.
    server.state.live.add(session.refreshToken);
    await session.refresh();
    expect(await tokens.load()).toBeUndefined();
  });

  it('signs out offline too, forgetting the token the server could not be told about', async () => {
    const service = auth();
    const user = await service.signIn({ email: EMAIL, password: PASSWORD });
    server.state.up = false;
    await service.signOut(user);
    expect(await tokens.load()).toBeUndefined();
    expect(links.at(-1)).toBeNull();
  });
});
