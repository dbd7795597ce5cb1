import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenResponse } from '../../../src-shared/sync/auth-wire';
import type { StationTokenResponse } from '../../../src-shared/sync/station-wire';
import type { WireDoc } from '../../../src-shared/sync/wire';
import { buildApp } from '../../../src-server/app';
import { openSql } from '../../../src-server/db/open';
import type { Sql } from '../../../src-server/db/sql';
import { assessment, edited, notification, questionSet, skill } from '../fixtures';
import { create, login, pull, pullAll, push, signUp, startServer, type TestServer, type TestUser } from '../harness';
import { openSseStream } from '../sse-client';
import { signInStation, stationRefresh } from '../station-harness';

/*
 * What the security probe found, over a real socket: a deactivated, demoted,
 * deleted or signed-out principal (and the exam station of a deactivated or
 * demoted proctor) kept its live stream and its access token until the token
 * expired (15 minutes), and a refused refresh burned the refresh token. Each
 * case checks the stream (it ends, with no row after the revocation), the
 * token (refused at once), and what is stored.
 */

let server: TestServer;
let superAdmin: TestUser;
let examId: string;

beforeAll(async () => {
  server = await startServer({ listen: true });
  superAdmin = await signUp(server, 'super_admin');
  const set = questionSet();
  await create(server, superAdmin, 'question_bank', [set]);
  const exam = { ...assessment(superAdmin.id), question_set_id: set.pk };
  await create(server, superAdmin, 'assessments', [exam]);
  examId = exam.pk;
});
afterAll(() => server.close());

const openStream = (user: TestUser, url = server.url!) => openSseStream(url, user.token);
type Stream = Awaited<ReturnType<typeof openStream>>;

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Opens a stream and reads its RESYNC. */
async function liveStream(user: TestUser, url = server.url!): Promise<Stream> {
  const stream = await openStream(user, url);
  expect(stream.res.status).toBe(200);
  expect((await within(5_000, 'resync', stream.next()))?.event).toBe('resync');
  return stream;
}

/** Waits for the server to end the stream (far sooner than the token's 900 s); returns what came before. */
async function endOf(stream: Stream): Promise<string[]> {
  const events: string[] = [];
  return within(
    5_000,
    'the stream to end',
    (async () => {
      for (;;) {
        const event = await stream.next();
        if (!event) return events;
        events.push(event.event);
      }
    })(),
  );
}

/** The next `users` change that carries `userId`'s row. */
async function userChange(stream: Stream, userId: string): Promise<WireDoc> {
  return within(
    5_000,
    `a change of ${userId}`,
    (async () => {
      for (;;) {
        const doc = (await stream.nextChange('users')).documents.find((d) => d.pk === userId);
        if (doc) return doc;
      }
    })(),
  );
}

async function userDoc(id: string): Promise<WireDoc> {
  const { documents } = await pullAll(server, superAdmin, 'users');
  return documents.find((d) => d.pk === id)!;
}

/** What an admin's device does: pushes the next version of the account. */
async function editUser(id: string, changes: Record<string, unknown>): Promise<void> {
  const doc = await userDoc(id);
  const res = await push(server, superAdmin, 'users', [
    { assumedMasterState: doc, newDocumentState: edited(doc, changes) },
  ]);
  expect([res.statusCode, res.json()]).toEqual([200, []]);
}

const refreshRes = (refresh: string) =>
  server.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refresh_token: refresh } });
const logout = (refresh: string) =>
  server.app.inject({ method: 'POST', url: '/auth/logout', payload: { refresh_token: refresh } });
const status = async (user: TestUser, collection: Parameters<typeof pull>[2] = 'inbox') =>
  (await pull(server, user, collection)).statusCode;

/** A principal's stored refresh tokens, as compared before and after a refused refresh. */
const storedTokens = (ownerId: string) =>
  server.sql.query(
    `SELECT id, family_id, is_revoked, replaced_by, expires_at, updated_at, _server_seq::text AS seq
       FROM refresh_tokens WHERE user_id = $1 ORDER BY id`,
    [ownerId],
  );

describe('deactivating a user', () => {
  it('ends their live stream at once, refuses their token at once, and their refresh burns nothing', async () => {
    const proctor = await signUp(server, 'proctor');
    const colleague = await signUp(server, 'proctor');
    const target = await liveStream(proctor);
    const control = await liveStream(colleague);
    expect(await status(proctor)).toBe(200);

    await editUser(proctor.id, { is_active: false });
    // The deactivation reaches the colleague's stream, but the proctor's own stream ends without a row.
    expect((await userChange(control, proctor.id)).is_active).toBe(false);
    expect(await endOf(target)).toEqual([]);
    expect(await status(proctor)).toBe(401);
    // And stays ended: reconnecting with the same token is refused.
    expect((await openStream(proctor)).res.status).toBe(401);
    // Something in the old scope written now reaches the colleague, and nobody else.
    await create(server, superAdmin, 'inbox', [notification(colleague.id)]);
    expect((await control.nextChange('inbox')).documents).toHaveLength(1);
    control.close();

    // The refresh is refused before rotating: nothing stored changes...
    const before = await storedTokens(proctor.id);
    expect(before.filter((t) => !t.is_revoked)).toHaveLength(1);
    const refused = await refreshRes(proctor.refresh);
    expect([refused.statusCode, refused.json().message]).toEqual([401, 'This account is no longer active']);
    expect(await storedTokens(proctor.id)).toEqual(before);
    // ...so once reactivated, the same refresh token works, and its new access token too.
    await editUser(proctor.id, { is_active: true });
    const back = await refreshRes(proctor.refresh);
    expect(back.statusCode, back.body).toBe(200);
    expect(await status({ ...proctor, token: back.json<TokenResponse>().access_token })).toBe(200);
  });

  it('also when another server process on the same database does it', async () => {
    // A second server with its own connections to the same database (PGlite runs in this process, so there
    // the two servers share it); the signal comes from the database's NOTIFY either way.
    const otherSql: Sql =
      server.sql.driver === 'pg'
        ? await openSql({ databaseUrl: process.env.DATABASE_URL, schema: server.sql.schema })
        : server.sql;
    const other = await buildApp({ sql: otherSql, config: server.config, logger: false });
    try {
      const otherUrl = await other.listen({ port: 0, host: '127.0.0.1' });
      const recruiter = await signUp(server, 'recruiter');
      const stream = await liveStream(recruiter, otherUrl);
      await editUser(recruiter.id, { is_active: false });
      expect(await endOf(stream)).toEqual([]);
      const res = await other.inject({
        method: 'POST',
        url: '/sync/inbox/pull',
        headers: { authorization: `Bearer ${recruiter.token}` },
        payload: {},
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await other.close();
      if (otherSql !== server.sql) await otherSql.close();
    }
  });
});

describe('demoting a user', () => {
  it('ends the stream compiled for the old role; a refresh gives a token and a stream for the new one', async () => {
    const recruiter = await signUp(server, 'recruiter');
    const stream = await liveStream(recruiter);
    await editUser(recruiter.id, { role: 'candidate' });
    expect(await endOf(stream)).toEqual([]);
    // The recruiter's token is refused at once, whatever it asks for.
    expect(await status(recruiter, 'inbox')).toBe(401);
    expect(await status(recruiter, 'candidates')).toBe(401);
    const refreshed = await refreshRes(recruiter.refresh);
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const body = refreshed.json<TokenResponse>();
    expect(body.user.role).toBe('candidate');
    const asCandidate = {
      ...recruiter,
      role: 'candidate' as const,
      token: body.access_token,
      refresh: body.refresh_token,
    };
    expect(await status(asCandidate, 'catalog')).toBe(403);
    expect(await status(asCandidate, 'test_sessions')).toBe(200);
    // The new stream carries the candidate's collections only: a catalog row (a recruiter's) does not reach it.
    const next = await liveStream(asCandidate);
    const watcher = await signUp(server, 'admin');
    const control = await liveStream(watcher);
    const row = skill(`Demotion ${recruiter.id}`);
    await create(server, superAdmin, 'catalog', [row]);
    expect((await control.nextChange('catalog')).documents.map((d) => d.pk)).toEqual([row.pk]);
    control.close();
    next.close();
    expect(await endOf(next)).not.toContain('change');
  });
});

describe('deleting a user', () => {
  it('ends their stream and refuses their token at once', async () => {
    const interviewer = await signUp(server, 'interviewer');
    const stream = await liveStream(interviewer);
    const doc = await userDoc(interviewer.id);
    const res = await push(server, superAdmin, 'users', [
      { assumedMasterState: doc, newDocumentState: { ...edited(doc, {}), _deleted: true } },
    ]);
    expect([res.statusCode, res.json()]).toEqual([200, []]);
    expect(await endOf(stream)).toEqual([]);
    expect(await status(interviewer)).toBe(401);
    const [stored] = await server.sql.query<{ _deleted: boolean }>('SELECT _deleted FROM users WHERE id = $1', [
      interviewer.id,
    ]);
    expect(stored?._deleted).toBe(true);
  });
});

describe('signing out', () => {
  it("ends that sign-in's streams and access tokens at once, and only that sign-in's", async () => {
    const recruiter = await signUp(server, 'recruiter');
    const second = await login(server, recruiter.email, 'correct horse battery staple');
    const laptop = recruiter;
    const phone = { ...recruiter, token: second.access_token, refresh: second.refresh_token };
    // The laptop refreshed once: its family holds a rotated token and the live one.
    const rotated = (await refreshRes(laptop.refresh)).json<TokenResponse>();
    const laptopNow = { ...laptop, token: rotated.access_token, refresh: rotated.refresh_token };
    const laptopStream = await liveStream(laptopNow);
    const phoneStream = await liveStream(phone);

    expect((await logout(laptopNow.refresh)).statusCode).toBe(204);
    expect(await endOf(laptopStream)).toEqual([]);
    // Both of the laptop's access tokens (before and after the refresh) are refused; the phone's works.
    expect(await status(laptop)).toBe(401);
    expect(await status(laptopNow)).toBe(401);
    expect(await status(phone)).toBe(200);
    await create(server, superAdmin, 'inbox', [notification(recruiter.id)]);
    expect((await phoneStream.nextChange('inbox')).documents).toHaveLength(1);
    phoneStream.close();

    const families = await server.sql.query<{ family_id: string; live: number }>(
      `SELECT family_id, count(*) FILTER (WHERE NOT is_revoked)::int AS live FROM refresh_tokens
        WHERE user_id = $1 GROUP BY family_id`,
      [recruiter.id],
    );
    expect(families.map((f) => f.live).sort()).toEqual([0, 1]);
  });

  it('a replayed refresh token revokes its family, which ends its streams and newest access token', async () => {
    const candidate = await signUp(server, 'candidate');
    // Rotated twice: the first successor was used, so the original is a replay, not a retry of a lost answer.
    const first = (await refreshRes(candidate.refresh)).json<TokenResponse>();
    const rotated = (await refreshRes(first.refresh_token)).json<TokenResponse>();
    const current = { ...candidate, token: rotated.access_token, refresh: rotated.refresh_token };
    const stream = await liveStream(current);
    expect((await refreshRes(candidate.refresh)).statusCode).toBe(401);
    expect(await endOf(stream)).toEqual([]);
    expect(await status(current, 'test_sessions')).toBe(401);
  });
});

describe("an exam station whose signer's standing changes", () => {
  it('stops at its next request and its stream ends when the signer is deactivated; comes back with them', async () => {
    const proctor = await signUp(server, 'proctor');
    const station = await signInStation(server, proctor.email, [examId]);
    const stream = await liveStream(station);
    expect(await status(station, 'assessments')).toBe(200);

    await editUser(proctor.id, { is_active: false });
    expect(await endOf(stream)).toEqual([]);
    expect(await status(station, 'assessments')).toBe(401);

    // A refused refresh changes nothing stored...
    const before = await storedTokens(station.id);
    const refused = await stationRefresh(server, station.refresh, station.certificate);
    expect(refused.statusCode).toBe(401);
    expect(await storedTokens(station.id)).toEqual(before);
    // ...so after reactivation the station's same refresh token works.
    await editUser(proctor.id, { is_active: true });
    const back = await stationRefresh(server, station.refresh, station.certificate);
    expect(back.statusCode, back.body).toBe(200);
    const token = back.json<StationTokenResponse>().access_token;
    expect(await status({ ...station, token }, 'assessments')).toBe(200);
  });

  it('stops when the signer is no longer staff', async () => {
    const admin = await signUp(server, 'admin');
    const station = await signInStation(server, admin.email, [examId]);
    const stream = await liveStream(station);
    await editUser(admin.id, { role: 'recruiter' });
    expect(await endOf(stream)).toEqual([]);
    expect(await status(station, 'assessments')).toBe(401);
    const before = await storedTokens(station.id);
    expect((await stationRefresh(server, station.refresh, station.certificate)).statusCode).toBe(401);
    expect(await storedTokens(station.id)).toEqual(before);
  });
});
