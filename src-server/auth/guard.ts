import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATION, STATION_STAFF, type PrincipalRole } from '../../src-shared/permissions/principal';
import { quoteIdent } from '../db/ddl';
import type { Queryable } from '../db/sql';
import { tableNames } from '../db/table-spec';
import { HttpError } from '../http/errors';
import { verifyAccessToken } from './access-tokens';
import type { Principal } from './principal';
import { isStationId } from './stations';

/*
 * Who a request acts for, checked before its body is read.
 *
 * An access token is a signed statement "this principal, with this role, in
 * this sign-in (`sid`, its refresh-token family)", valid 15 minutes. Trusting
 * it for that long would let a deactivated, demoted or signed-out person (or
 * the station of a deactivated proctor) keep working until it expires, so
 * every request also checks, in ONE query, that
 * - the account is active, not deleted, and has the role the token was
 *   issued for (a role change ends the token: the client refreshes and gets
 *   one for the new role, whose scope is compiled for that role). For an exam
 *   station, the account is its signer's (the token's `signer`), who must
 *   still be staff;
 * - the sign-in's family still has an unrevoked, unexpired refresh token.
 *   Rotation keeps exactly one live token per family; logout and reuse
 *   detection revoke the whole family (refresh-tokens.ts), so a sign-out ends
 *   that sign-in's access tokens at once, and only that sign-in's.
 * Why the family and not a revocation list: the refresh tokens are already
 * the record of which sign-ins are live, indexed by family_id, so the check
 * is a primary-key lookup plus an index probe (the bench figure
 * auth.request_check_ms measures it against the old user-only lookup), and
 * there is nothing else to keep in step. Several server processes share the
 * database, so all of them refuse at once.
 *
 * Live streams are checked again whenever the users or refresh_tokens tables
 * change (sync/stream.ts, `liveSessions` below, one query for all of them).
 *
 * The guard runs as an `onRequest` hook (headers only), so an unauthenticated
 * request costs no body parsing or validation; handlers read the principal
 * with `principalOf`. Requests without a valid token are counted per client
 * address, and past `failuresPerIpPerMinute` answered 429 instead of 401;
 * valid tokens are never refused by that count (kiosks behind one NAT).
 */

export interface Authenticated extends Principal {
  /** When the access token expires (ms since the epoch); long-lived streams end then. */
  expiresAtMs: number;
  /** The sign-in (refresh-token family id) the access token belongs to. */
  sessionId: string;
  /** The account the principal stands on: the user's own, or the staff member who signed the station in. */
  accountId: string;
}

/** Reads the principal of a request that passed the guard's onRequest hook. */
export type Authenticate = (request: FastifyRequest) => Promise<Authenticated>;

/** What a principal's standing rests on (the fields of Authenticated the check reads). */
export type SessionRef = Pick<Authenticated, 'id' | 'role' | 'sessionId' | 'accountId'>;

const USERS = quoteIdent(tableNames.user);
const REFRESH_TOKENS = quoteIdent(tableNames.refresh_token);

/** The roles the account may hold: the token's own, or any staff role for a station's signer. */
const rolesOf = (ref: SessionRef): readonly PrincipalRole[] => (ref.role === STATION ? STATION_STAFF : [ref.role]);

/** The one definition of "still live", over SQL expressions for its inputs (users aliased `u`). */
function liveCondition(c: { account: string; owner: string; sid: string; roles: string; now: string }): string {
  return `u.id = ${c.account} AND u.is_active AND NOT u._deleted
     AND u.role IN (SELECT jsonb_array_elements_text(${c.roles}))
     AND EXISTS (SELECT 1 FROM ${REFRESH_TOKENS} t
                  WHERE t.family_id = ${c.sid} AND t.user_id = ${c.owner}
                    AND NOT t.is_revoked AND NOT t._deleted AND t.expires_at > ${c.now})`;
}

// Expiry times are stored as ISO-8601 text (refresh-tokens.ts), which orders like the times.
const isoAt = (nowMs: number) => new Date(nowMs).toISOString();

/** The per-request check: the account's email when the session is live, else undefined. */
export async function sessionIsLive(
  q: Queryable,
  ref: SessionRef,
  nowMs: number,
): Promise<{ email: string } | undefined> {
  const where = liveCondition({ account: '$1', owner: '$2', sid: '$3', roles: '$4::jsonb', now: '$5' });
  const rows = await q.query<{ email: string }>(`SELECT u.email FROM ${USERS} u WHERE ${where}`, [
    ref.accountId,
    ref.id,
    ref.sessionId,
    JSON.stringify(rolesOf(ref)),
    isoAt(nowMs),
  ]);
  return rows[0];
}

/** The same check for many sessions in one query (the open live streams): whether each is still live. */
export async function liveSessions(q: Queryable, refs: readonly SessionRef[], nowMs: number): Promise<boolean[]> {
  if (!refs.length) return [];
  const rows = refs.map((r) => ({ account: r.accountId, owner: r.id, sid: r.sessionId, roles: rolesOf(r) }));
  const where = liveCondition({ account: 's.account', owner: 's.owner', sid: 's.sid', roles: 's.roles', now: '$2' });
  const found = await q.query<{ ord: number }>(
    `SELECT s.ord FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (account text, owner text, sid text, roles jsonb))
       WITH ORDINALITY AS s(account, owner, sid, roles, ord)
       JOIN ${USERS} u ON ${where}`,
    [JSON.stringify(rows), isoAt(nowMs)],
  );
  const live = refs.map(() => false);
  for (const row of found) live[Number(row.ord) - 1] = true;
  return live;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** Checks an Authorization header: the token's signature and expiry, then its sign-in in the database. */
export async function authenticateHeader(
  q: Queryable,
  secret: Uint8Array,
  header: string | undefined,
  nowMs: number,
): Promise<Authenticated> {
  const match = header ? BEARER.exec(header) : null;
  if (!match) throw new HttpError(401, 'Missing bearer token: send "Authorization: Bearer <access token>"');
  const claims = await verifyAccessToken(secret, match[1]!, nowMs);
  // A token without `sid` was issued before sign-ins were checked; it is refused like an expired one.
  if (!claims || !claims.sid) throw new HttpError(401, 'Invalid or expired access token');
  const expiresAtMs = claims.exp * 1000;
  if (claims.role === STATION) {
    const ref: SessionRef = { id: claims.sub, role: STATION, sessionId: claims.sid, accountId: claims.signer ?? '' };
    if (!isStationId(claims.sub) || !claims.signer || !(await sessionIsLive(q, ref, nowMs)))
      throw new HttpError(
        401,
        'This exam station is signed out, or whoever signed it in no longer may: sign it in again',
      );
    return { ...ref, email: '', assessmentIds: claims.assessment_ids ?? [], expiresAtMs };
  }
  if (isStationId(claims.sub)) throw new HttpError(401, 'Invalid or expired access token');
  const ref: SessionRef = { id: claims.sub, role: claims.role, sessionId: claims.sid, accountId: claims.sub };
  const live = await sessionIsLive(q, ref, nowMs);
  if (!live)
    throw new HttpError(401, 'This sign-in has ended (signed out, account deactivated or role changed): sign in again');
  return { ...ref, email: live.email, expiresAtMs };
}

export interface Guard {
  /** The onRequest hook of every authenticated route: checks the header and stores the principal. */
  onRequest(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** The principal the hook stored; a route without the hook is a programming error (500). */
  principalOf(request: FastifyRequest): Authenticated;
}

const principals = new WeakMap<FastifyRequest, Authenticated>();

export interface GuardOptions {
  sql: Queryable;
  secret: Uint8Array;
  now: () => number;
  /** Requests without a valid access token per client address per minute before 429. */
  failuresPerIpPerMinute: number;
}

export function createGuard(app: FastifyInstance, { sql, secret, now, failuresPerIpPerMinute }: GuardOptions): Guard {
  const failures = app.createRateLimit({
    max: failuresPerIpPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `auth-failure:${request.ip}`,
  });
  return {
    async onRequest(request, reply) {
      let principal: Authenticated;
      try {
        principal = await authenticateHeader(sql, secret, request.headers.authorization, now());
      } catch (error) {
        if (error instanceof HttpError && error.statusCode === 401) {
          const limit = await failures(request);
          if (!limit.isAllowed && limit.isExceeded) {
            request.log.warn({ ip: request.ip }, 'too many unauthenticated requests from this address');
            reply.header('retry-after', String(limit.ttlInSeconds));
            throw new HttpError(429, 'Too many requests without a valid access token; try again later');
          }
        }
        throw error;
      }
      principals.set(request, principal);
      request.log.debug({ principal: principal.id }, 'authenticated');
    },
    principalOf(request) {
      const principal = principals.get(request);
      if (!principal) throw new HttpError(500, `${request.url} was served without the guard's onRequest hook`);
      return principal;
    },
  };
}
