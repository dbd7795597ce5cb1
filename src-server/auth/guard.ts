import type { FastifyRequest } from 'fastify';
import type { Sql } from '../db/sql';
import { HttpError } from '../http/errors';
import { verifyAccessToken } from './access-tokens';
import { STATION } from '../../src-shared/permissions/principal';
import { findUserById } from './accounts';
import type { Principal } from './principal';
import { isStationId, stationIsLive } from './stations';

export interface Authenticated extends Principal {
  /** When the access token expires (ms since the epoch); long-lived streams end then. */
  expiresAtMs: number;
}

export type Authenticate = (request: FastifyRequest) => Promise<Authenticated>;

/**
 * Checks the request's bearer token and reloads the account it names, so a
 * deactivated or deleted account, or a changed role, counts immediately.
 */
export function createAuthenticator(sql: Sql, secret: Uint8Array, now: () => number): Authenticate {
  return async (request) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match) throw new HttpError(401, 'Missing bearer token: send "Authorization: Bearer <access token>"');
    const claims = await verifyAccessToken(secret, match[1]!, now());
    if (!claims) throw new HttpError(401, 'Invalid or expired access token');
    if (claims.role === STATION) {
      // An exam station: its assessments travel in the signed token; it stays live until it leaves station mode.
      if (!isStationId(claims.sub) || !(await stationIsLive(sql, claims.sub, now())))
        throw new HttpError(401, 'This exam station is signed out: a proctor must sign it in again');
      return {
        id: claims.sub,
        email: '',
        role: STATION,
        assessmentIds: claims.assessment_ids ?? [],
        expiresAtMs: claims.exp * 1000,
      };
    }
    const user = await findUserById(sql, claims.sub);
    if (!user || user.deleted || !user.doc.is_active) throw new HttpError(401, 'This account is no longer active');
    request.log.debug({ userId: user.doc.id }, 'authenticated');
    return { id: user.doc.id, email: user.doc.email, role: user.doc.role, expiresAtMs: claims.exp * 1000 };
  };
}
