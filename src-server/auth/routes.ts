import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { normaliseEmail } from '../../src-shared/domain/ids';
import { LoginBody, RefreshTokenBody, type TokenResponse } from '../../src-shared/sync/auth-wire';
import type { ServerConfig } from '../config';
import type { Sql } from '../db/sql';
import { HttpError } from '../http/errors';
import { takeSyncWriteLock } from '../sync/write-lock';
import { signAccessToken } from './access-tokens';
import { findUserByEmail, findUserById, recordLogin, type UserDoc } from './accounts';
import { verifyPassword } from './passwords';
import { issueRefreshToken, revokeRefreshToken, rotateRefreshToken } from './refresh-tokens';
import { isStationId } from './stations';

/**
 * Counts one password check against the account named by the request body's
 * `email` and refuses (429) once the account had too many. Created once per
 * server (app.ts) and shared by every endpoint that checks a password
 * (/auth/login, /auth/station, /auth/station/assessments): separate counters
 * would each allow their own guesses.
 */
export type LoginAttempts = (request: FastifyRequest) => Promise<void>;

export interface AuthDeps {
  sql: Sql;
  config: ServerConfig;
  now: () => number;
  loginAttempts: LoginAttempts;
}

/** Per account, whatever address the attempts come from (password spraying from many hosts). */
export function createLoginAttempts(app: FastifyInstance, config: ServerConfig): LoginAttempts {
  const emailOf = (request: FastifyRequest) => normaliseEmail((request.body as { email: string }).email);
  const accountLimit = app.createRateLimit({
    max: config.rateLimits.loginPerAccountPer15Minutes,
    timeWindow: 15 * 60 * 1000,
    keyGenerator: (request) => `login-account:${emailOf(request)}`,
  });
  return async (request) => {
    const limit = await accountLimit(request);
    if (!limit.isAllowed && limit.isExceeded) {
      request.log.warn({ email: emailOf(request) }, 'login rate limit reached for account');
      throw new HttpError(429, 'Too many sign-in attempts for this account; try again later');
    }
  };
}

const INVALID_LOGIN = 'Invalid email or password';

export async function authRoutes(app: FastifyInstance, { sql, config, now, loginAttempts }: AuthDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function tokens(user: UserDoc, refreshToken: string, sid: string): Promise<TokenResponse> {
    const access = await signAccessToken(config.jwtSecret, user.id, user.role, config.accessTokenSeconds, now(), {
      sid,
    });
    return {
      token_type: 'Bearer',
      access_token: access.token,
      expires_in: config.accessTokenSeconds,
      refresh_token: refreshToken,
      user: {
        id: user.id,
        email: user.email,
        full_name: user.full_name,
        role: user.role,
        login_streak: user.login_streak,
        max_login_streak: user.max_login_streak,
      },
    };
  }

  api.post(
    '/auth/login',
    {
      schema: { body: LoginBody },
      config: { rateLimit: { max: config.rateLimits.loginPerIpPerMinute, timeWindow: 60_000 } },
    },
    async (request) => {
      await loginAttempts(request);
      const user = await findUserByEmail(sql, request.body.email);
      const valid = await verifyPassword(user?.doc.password_hash, request.body.password);
      if (!user || !valid || user.deleted || !user.doc.is_active) {
        request.log.info({ email: normaliseEmail(request.body.email) }, 'login refused');
        throw new HttpError(401, INVALID_LOGIN);
      }
      const at = new Date(now());
      const { doc, refresh } = await sql.transaction(async (tx) => {
        await takeSyncWriteLock(tx, sql.schema);
        const doc = await recordLogin(tx, user.doc.id, at);
        const refresh = await issueRefreshToken(tx, doc.id, undefined, at, config.refreshTokenDays);
        return { doc, refresh };
      });
      request.log.info({ userId: doc.id, role: doc.role }, 'login');
      return tokens(doc, refresh.token, refresh.familyId);
    },
  );

  api.post('/auth/refresh', { schema: { body: RefreshTokenBody } }, async (request) => {
    const rotation = await rotateRefreshToken(
      sql,
      request.body.refresh_token,
      new Date(now()),
      config.refreshTokenDays,
      // An exam station refreshes at /auth/station/refresh, with its certificate.
      (owner) => !isStationId(owner),
      // Checked before the token is rotated, in the same transaction: a refused refresh burns nothing.
      async (tx, userId) => {
        const user = await findUserById(tx, userId);
        return user && !user.deleted && user.doc.is_active ? user.doc : undefined;
      },
    );
    if (rotation.outcome === 'reused') request.log.warn('refresh token reused: its family is revoked');
    if (rotation.outcome === 'refused') throw new HttpError(401, 'This account is no longer active');
    if (rotation.outcome !== 'rotated') throw new HttpError(401, 'Invalid, expired or revoked refresh token');
    return tokens(rotation.admitted, rotation.token, rotation.familyId);
  });

  api.post('/auth/logout', { schema: { body: RefreshTokenBody } }, async (request, reply) => {
    await revokeRefreshToken(sql, request.body.refresh_token, new Date(now()));
    return reply.status(204).send();
  });
}
