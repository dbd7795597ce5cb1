import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationAssessmentsResponse, StationTokenResponse } from '../../src-shared/sync/station-wire';
import { assessment, assessmentToken, questionSet } from './fixtures';
import { create, PASSWORD, pull, signUp, startServer, type TestServer, type TestUser } from './harness';
import { signInStation, stationRefresh, stationSignIn } from './station-harness';

/*
 * Exam-station sign-in over HTTP: who may sign a station in, for which
 * assessments, and how the station's own tokens live (refresh with the
 * certificate, rotation, reuse, leaving station mode).
 */

const NOW = Date.parse('2026-03-01T10:00:00.000Z');
let server: TestServer;
let admin: TestUser;
let proctor: TestUser;
let recruiter: TestUser;
const open = assessment('x', { title: 'Open exam' });
const draft = assessment('x', { title: 'Draft exam', is_published: false });
const expired = assessment('x', { title: 'Expired exam', expires_at: '2026-02-01T00:00:00.000Z' });
const inactive = assessment('x', { title: 'Paused exam', is_active: false });

beforeAll(async () => {
  server = await startServer({ now: () => NOW });
  admin = await signUp(server, 'admin');
  proctor = await signUp(server, 'proctor');
  recruiter = await signUp(server, 'recruiter');
  const set = questionSet();
  await create(server, admin, 'question_bank', [set]);
  await create(
    server,
    admin,
    'assessments',
    [open, draft, expired, inactive].map((a) => ({ ...a, created_by: admin.id, question_set_id: set.pk })),
  );
  await create(server, admin, 'assessments', [assessmentToken(open.pk, admin.id, 'ana@example.org')]);
});
afterAll(() => server.close());

function listAssessments(email: string, password = PASSWORD) {
  return server.app.inject({ method: 'POST', url: '/auth/station/assessments', payload: { email, password } });
}

describe('choosing what a station serves', () => {
  it('lists only published, active, unexpired assessments, with their open invitations', async () => {
    const res = await listAssessments(proctor.email);
    expect(res.statusCode, res.body).toBe(200);
    const { assessments } = res.json<StationAssessmentsResponse>();
    expect(assessments.map((a) => [a.title, a.open_invitations])).toEqual([['Open exam', 1]]);
  });

  it('is for proctors and admins only, with the same answer as a login for wrong credentials', async () => {
    expect((await listAssessments(recruiter.email)).statusCode).toBe(403);
    const wrong = await listAssessments(proctor.email, 'not the password at all');
    expect([wrong.statusCode, wrong.json<{ message: string }>().message]).toEqual([401, 'Invalid email or password']);
    const nobody = await listAssessments('nobody@example.org');
    expect([nobody.statusCode, nobody.json<{ message: string }>().message]).toEqual([401, 'Invalid email or password']);
  });

  it('refuses a station for an assessment it may not serve, naming it', async () => {
    for (const a of [draft, expired, inactive]) {
      const res = await stationSignIn(server, { email: admin.email, assessment_ids: [open.pk, a.pk] });
      expect(res.statusCode, a.title as string).toBe(400);
      expect(res.json<{ message: string }>().message).toContain(a.pk);
    }
    const none = await stationSignIn(server, { email: admin.email, assessment_ids: [] });
    expect(none.statusCode).toBe(400);
    const byRecruiter = await stationSignIn(server, { email: recruiter.email, assessment_ids: [open.pk] });
    expect(byRecruiter.statusCode).toBe(403);
  });
});

describe("a station's tokens", () => {
  it('are its own: a station principal named after the set-up, not the proctor', async () => {
    const res = await stationSignIn(server, {
      email: proctor.email,
      station_name: 'Hall B, desk 4',
      assessment_ids: [open.pk],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<StationTokenResponse>();
    expect(body.station).toMatchObject({
      name: 'Hall B, desk 4',
      assessment_ids: [open.pk],
      signed_in_by: { id: proctor.id, role: 'proctor' },
    });
    expect(body.station.id).toMatch(/^stn_/);
    const station = { ...proctor, id: body.station.id, token: body.access_token };
    expect((await pull(server, station, 'assessments')).statusCode).toBe(200);
    // Not a proctor: no inbox, no flagged-event review.
    expect((await pull(server, station, 'inbox')).statusCode).toBe(403);
  });

  it('refresh with the certificate only, rotate, and a replayed token ends the station', async () => {
    const station = await signInStation(server, proctor.email, [open.pk]);
    // At the users' endpoint the token is refused and left usable.
    const wrongDoor = await server.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refresh_token: station.refresh },
    });
    expect(wrongDoor.statusCode).toBe(401);
    const forged = await stationRefresh(server, station.refresh, `${station.certificate.slice(0, -4)}AAAA`);
    expect(forged.statusCode).toBe(401);

    const first = await stationRefresh(server, station.refresh, station.certificate);
    expect(first.statusCode, first.body).toBe(200);
    const rotated = first.json<StationTokenResponse>();
    expect(rotated.refresh_token).not.toBe(station.refresh);
    expect(rotated.station.id).toBe(station.id);

    // Presented again while its successor is unused: a retry of a lost answer (refresh-tokens.ts), so it rotates.
    const retried = await stationRefresh(server, station.refresh, station.certificate);
    expect(retried.statusCode, retried.body).toBe(200);
    const latest = retried.json<StationTokenResponse>();
    expect((await stationRefresh(server, latest.refresh_token, station.certificate)).statusCode).toBe(200);
    // The old token after its successor was used: theft or replay, so the whole family goes.
    expect((await stationRefresh(server, station.refresh, station.certificate)).statusCode).toBe(401);
    expect((await stationRefresh(server, rotated.refresh_token, station.certificate)).statusCode).toBe(401);
    const after = await pull(server, { ...station, token: latest.access_token }, 'assessments');
    expect(after.statusCode).toBe(401);
  });

  it("cannot borrow another station's certificate", async () => {
    const a = await signInStation(server, proctor.email, [open.pk], 'A');
    const b = await signInStation(server, proctor.email, [open.pk], 'B');
    expect((await stationRefresh(server, a.refresh, b.certificate)).statusCode).toBe(401);
    expect((await stationRefresh(server, a.refresh, a.certificate)).statusCode).toBe(200);
  });

  it('end when the station leaves station mode (logout revokes its tokens)', async () => {
    const station = await signInStation(server, admin.email, [open.pk]);
    expect((await pull(server, station, 'assessments')).statusCode).toBe(200);
    const out = await server.app.inject({
      method: 'POST',
      url: '/auth/logout',
      payload: { refresh_token: station.refresh },
    });
    expect(out.statusCode).toBe(204);
    expect((await pull(server, station, 'assessments')).statusCode).toBe(401);
    expect((await stationRefresh(server, station.refresh, station.certificate)).statusCode).toBe(401);
  });

  it('stop working and refreshing once the person who signed the station in is deactivated', async () => {
    const temp = await signUp(server, 'proctor');
    const station = await signInStation(server, temp.email, [open.pk]);
    await server.sql.query(`UPDATE users SET is_active = false WHERE id = $1`, [temp.id]);
    // At its next request, not when its access token expires (the token names its signer).
    expect((await pull(server, station, 'assessments')).statusCode).toBe(401);
    const res = await stationRefresh(server, station.refresh, station.certificate);
    expect(res.statusCode).toBe(401);
  });
});
