import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { normaliseEmail } from '../../src-shared/domain/ids';
import { isStationStaff, STATION } from '../../src-shared/permissions/principal';
import {
  StationAssessmentsBody,
  StationRefreshBody,
  StationSignInBody,
  type StationInfo,
  type StationTokenResponse,
} from '../../src-shared/sync/station-wire';
import { HttpError } from '../http/errors';
import { takeSyncWriteLock } from '../sync/write-lock';
import { signAccessToken } from './access-tokens';
import { findUserByEmail, findUserById, type UserDoc, type UserRecord } from './accounts';
import { verifyPassword } from './passwords';
import { issueRefreshToken, rotateRefreshToken } from './refresh-tokens';
import type { AuthDeps } from './routes';
import { eligibleAssessments, newStationId, signStationCertificate, verifyStationCertificate } from './stations';

/*
 * Exam-station sign-in (stations.ts explains the model):
 * - POST /auth/station/assessments: a proctor's or admin's credentials → the
 *   assessments a station could serve (the set-up screen's choices);
 * - POST /auth/station: the same credentials, a station name and the chosen
 *   assessments → the station's own tokens and certificate;
 * - POST /auth/station/refresh: refresh token + certificate → new tokens.
 * The staff member's credentials are checked like a login (same rate limits,
 * same answer for a wrong email or password) but open no session of theirs:
 * the station never holds a person's tokens.
 */

const INVALID_LOGIN = 'Invalid email or password';

export async function stationRoutes(
  app: FastifyInstance,
  { sql, config, now, loginAttempts }: AuthDeps,
): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const perAddress = { rateLimit: { max: config.rateLimits.loginPerIpPerMinute, timeWindow: 60_000 } };

  // The staff member still may sign stations in (checked again at every refresh and, via the access token's
  // `signer`, by the guard on every request).
  const mayRun = (user: UserRecord | undefined) =>
    Boolean(user && !user.deleted && user.doc.is_active && isStationStaff(user.doc.role));

  async function staffMember(request: FastifyRequest, email: string, password: string): Promise<UserDoc> {
    // The same per-account counter as /auth/login (routes.ts).
    await loginAttempts(request);
    const user = await findUserByEmail(sql, email);
    const valid = await verifyPassword(user?.doc.password_hash, password);
    if (!user || !valid || user.deleted || !user.doc.is_active) {
      request.log.info({ email: normaliseEmail(email) }, 'station sign-in refused');
      throw new HttpError(401, INVALID_LOGIN);
    }
    if (!isStationStaff(user.doc.role))
      throw new HttpError(403, 'Only a proctor or an administrator can set up an exam station');
    return user.doc;
  }

  async function tokens(station: StationInfo, refreshToken: string, sid: string, certificate: string) {
    const access = await signAccessToken(config.jwtSecret, station.id, STATION, config.accessTokenSeconds, now(), {
      sid,
      assessment_ids: station.assessment_ids,
      signer: station.signed_in_by.id,
    });
    const response: StationTokenResponse = {
      token_type: 'Bearer',
      access_token: access.token,
      expires_in: config.accessTokenSeconds,
      refresh_token: refreshToken,
      station_certificate: certificate,
      station,
    };
    return response;
  }

  api.post(
    '/auth/station/assessments',
    { schema: { body: StationAssessmentsBody }, config: perAddress },
    async (request) => {
      await staffMember(request, request.body.email, request.body.password);
      return { assessments: await eligibleAssessments(sql, new Date(now())) };
    },
  );

  api.post('/auth/station', { schema: { body: StationSignInBody }, config: perAddress }, async (request) => {
    const staff = await staffMember(request, request.body.email, request.body.password);
    const at = new Date(now());
    const eligible = new Set((await eligibleAssessments(sql, at)).map((a) => a.assessment_id));
    const refused = request.body.assessment_ids.filter((id) => !eligible.has(id));
    if (refused.length) {
      throw new HttpError(
        400,
        `A station serves only published, active, unexpired assessments; not ${refused.join(', ')}`,
        refused.map((id) => ({ field: 'assessment_ids', rule: 'not_eligible', message: `${id} cannot be served` })),
      );
    }
    const station: StationInfo = {
      id: newStationId(),
      name: request.body.station_name,
      assessment_ids: request.body.assessment_ids,
      signed_in_by: { id: staff.id, full_name: staff.full_name, role: staff.role },
      signed_in_at: at.toISOString(),
    };
    const refresh = await sql.transaction(async (tx) => {
      await takeSyncWriteLock(tx, sql.schema);
      return issueRefreshToken(tx, station.id, undefined, at, config.refreshTokenDays);
    });
    const certificate = await signStationCertificate(config.jwtSecret, station, config.refreshTokenDays, now());
    request.log.info({ stationId: station.id, by: staff.id, assessments: station.assessment_ids }, 'station sign-in');
    return tokens(station, refresh.token, refresh.familyId, certificate);
  });

  api.post('/auth/station/refresh', { schema: { body: StationRefreshBody } }, async (request) => {
    const station = await verifyStationCertificate(config.jwtSecret, request.body.station_certificate, now());
    if (!station) throw new HttpError(401, 'Invalid or expired station certificate: a proctor must sign it in again');
    const rotation = await rotateRefreshToken(
      sql,
      request.body.refresh_token,
      new Date(now()),
      config.refreshTokenDays,
      (owner) => owner === station.id,
      // Before the token is rotated, in the same transaction: a refused refresh changes nothing, so the
      // station works again with the same token once its signer is reactivated.
      async (tx) => (mayRun(await findUserById(tx, station.signed_in_by.id)) ? true : undefined),
    );
    if (rotation.outcome === 'reused') request.log.warn({ stationId: station.id }, 'station refresh token reused');
    if (rotation.outcome === 'refused')
      throw new HttpError(401, 'The person who signed this station in no longer may: sign it in again');
    if (rotation.outcome !== 'rotated')
      throw new HttpError(401, 'Invalid, expired or revoked station token: a proctor must sign it in again');
    return tokens(station, rotation.token, rotation.familyId, request.body.station_certificate);
  });
}
