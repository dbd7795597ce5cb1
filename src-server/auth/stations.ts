import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { isOpenForCandidates } from '../../src-shared/domain/assessment-rules';
import type { Doc } from '../../src-shared/domain/registry';
import { StationInfo, type EligibleAssessment } from '../../src-shared/sync/station-wire';
import { quoteIdent } from '../db/ddl';
import { hmacKey } from './access-tokens';
import { rowToStored, selectFrom } from '../db/rows';
import type { Queryable } from '../db/sql';
import { tableNames } from '../db/table-spec';

/*
 * Exam stations as principals. A proctor or admin signs a station in while
 * online (station-routes.ts); the server then knows the station by:
 * - its id, `stn_<uuid>`, which no user id can take (user ids are `usr_…`);
 * - its certificate: a JWT the server signs once at sign-in, naming the
 *   station, its assessments and who signed it in. The station keeps it and
 *   shows it with every refresh, so the server keeps no station table (the
 *   tables are the entities', and the domain model has no station entity);
 * - its refresh tokens, in the refresh_token table with user_id = the
 *   station's id: hashed, rotated, a reused one revokes the family, exactly
 *   as for people (refresh-tokens.ts). A station outlives a day offline
 *   because its refresh token lasts ASSIST_TEN_REFRESH_TOKEN_DAYS.
 * A station is live while its sign-in (refresh-token family) has a token
 * neither revoked nor expired and the person who signed it in is still
 * active staff: its access tokens name both (`sid`, `signer`) and the guard
 * checks them in one query on every request (guard.ts), so leaving station
 * mode (logout), or deactivating or demoting that person, ends it at the
 * next request and ends its live stream at once.
 */

export const STATION_ID_PREFIX = 'stn_';
const ISSUER = 'assist-ten-server';
const AUDIENCE = 'assist-ten-station';

export function isStationId(id: string): boolean {
  return id.startsWith(STATION_ID_PREFIX);
}

export function newStationId(): string {
  return `${STATION_ID_PREFIX}${randomUUID()}`;
}

export async function signStationCertificate(
  secret: Uint8Array,
  station: StationInfo,
  ttlDays: number,
  nowMs: number,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  const key = await hmacKey(secret);
  return new SignJWT({ station })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(station.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlDays * 86_400)
    .sign(key);
}

/** The station a certificate names, or undefined when it is forged, expired or malformed. */
export async function verifyStationCertificate(
  secret: Uint8Array,
  certificate: string,
  nowMs: number,
): Promise<StationInfo | undefined> {
  try {
    const { payload } = await jwtVerify(certificate, await hmacKey(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(nowMs),
    });
    const station = StationInfo.safeParse(payload.station);
    if (!station.success || station.data.id !== payload.sub || !isStationId(station.data.id)) return undefined;
    return station.data;
  } catch {
    return undefined;
  }
}

/**
 * Assessments a station may serve: published, active and not expired
 * (assessment-rules.ts), with how many of their invitations are still open.
 */
export async function eligibleAssessments(q: Queryable, now: Date): Promise<EligibleAssessment[]> {
  const rows = await q.query(`${selectFrom('assessment')} WHERE NOT r._deleted AND r.is_published ORDER BY r.title`);
  const open = await q.query<{ assessment_id: string; n: number }>(
    `SELECT assessment_id, count(*)::int AS n FROM ${quoteIdent(tableNames.assessment_token)}
      WHERE NOT _deleted AND NOT is_used AND expires_at > $1 GROUP BY assessment_id`,
    [now.toISOString()],
  );
  const openBy = new Map(open.map((r) => [r.assessment_id, Number(r.n)]));
  return rows
    .map((row) => rowToStored('assessment', row).doc as Doc<'assessment'>)
    .filter((a) => isOpenForCandidates(a, now))
    .map((a) => ({
      assessment_id: a.assessment_id,
      title: a.title,
      duration_minutes: a.duration_minutes,
      ...(a.expires_at ? { expires_at: a.expires_at } : {}),
      is_proctored: a.is_proctored,
      open_invitations: openBy.get(a.assessment_id) ?? 0,
    }));
}
