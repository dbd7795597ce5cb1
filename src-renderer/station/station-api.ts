import {
  StationAssessmentsResponse,
  type EligibleAssessment,
  type StationSignInBody,
  type StationTokenResponse,
} from '@shared/sync/station-wire';
import type { ApiError } from '@shared/sync/wire';
import { SyncHttpError, SyncNetworkError, type FetchLike } from '../sync/transport';
import { postForStationTokens } from './station-session';

/*
 * The set-up calls a station makes while online, with the proctor's
 * credentials (kept in the set-up screen's memory only, never stored).
 */

export class StationSetupError extends Error {}

/** A message a proctor can act on, for any failure of the set-up calls. */
export function setupErrorMessage(error: unknown): string {
  if (error instanceof SyncNetworkError)
    return 'The sync server cannot be reached. A station is set up online: connect this device and try again.';
  if (error instanceof SyncHttpError) {
    if (error.status === 401) return 'Invalid email or password.';
    if (error.status === 403) return 'Only a proctor or an administrator can set up an exam station.';
    if (error.status === 429) return 'Too many attempts for this account; wait a few minutes and try again.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export async function fetchEligibleAssessments(
  serverUrl: string,
  credentials: { email: string; password: string },
  fetchImpl: FetchLike = (...args) => fetch(...args),
): Promise<EligibleAssessment[]> {
  let response: Response;
  try {
    response = await fetchImpl(`${serverUrl}/auth/station/assessments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
  } catch (error) {
    throw new SyncNetworkError(error);
  }
  const json = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new SyncHttpError(response.status, json as ApiError | undefined);
  return StationAssessmentsResponse.parse(json).assessments;
}

export function requestStationSignIn(
  serverUrl: string,
  body: StationSignInBody,
  fetchImpl: FetchLike = (...args) => fetch(...args),
): Promise<StationTokenResponse> {
  return postForStationTokens(fetchImpl, `${serverUrl}/auth/station`, body);
}
