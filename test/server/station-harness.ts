import type { LightMyRequestResponse } from 'fastify';
import type { StationTokenResponse } from '../../src-shared/sync/station-wire';
import { PASSWORD, type TestServer, type TestUser } from './harness';

/* Exam stations in server tests: signed in over HTTP, like the set-up screen does. */

export interface TestStation extends TestUser {
  role: 'station';
  certificate: string;
  assessmentIds: string[];
}

export function stationSignIn(
  server: TestServer,
  body: { email: string; password?: string; station_name?: string; assessment_ids: string[] },
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: '/auth/station',
    payload: { password: PASSWORD, station_name: 'Room 1, desk 1', ...body },
  });
}

/** Signs a station in with `staffEmail` (password PASSWORD); fails the test unless it works. */
export async function signInStation(
  server: TestServer,
  staffEmail: string,
  assessmentIds: string[],
  name = 'Room 1, desk 1',
): Promise<TestStation> {
  const res = await stationSignIn(server, { email: staffEmail, station_name: name, assessment_ids: assessmentIds });
  if (res.statusCode !== 200) throw new Error(`station sign-in failed: ${res.statusCode} ${res.body}`);
  const body = res.json<StationTokenResponse>();
  return {
    id: body.station.id,
    email: '',
    role: 'station',
    token: body.access_token,
    refresh: body.refresh_token,
    certificate: body.station_certificate,
    assessmentIds,
  };
}

export function stationRefresh(
  server: TestServer,
  refresh: string,
  certificate: string,
): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: '/auth/station/refresh',
    payload: { refresh_token: refresh, station_certificate: certificate },
  });
}
