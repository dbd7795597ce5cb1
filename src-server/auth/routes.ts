import type { FastifyInstance } from 'fastify';
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

export interface AuthDeps {
  sql: Sql;
  config: ServerConfig;
  now: () => number;
}

const INVALID_LOGIN = 'Invalid email or password';

export async function authRoutes(app: FastifyInstance, { sql, config, now }: AuthDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Per account, whatever address the attempts come from (password spraying
  // from many hosts); the per-address limit is the route's own config below.
  const accountLimit = app.createRateLimit({
    max: config.rateLimits.loginPerAccountPer15Minutes,
    timeWindow: 15 * 60 * 1000,
    keyGenerator: (request) => `login-account:${normaliseEmail((request.body as { email: string }).email)}`,
  });

  async function tokens(user: UserDoc, refreshToken: string): Promise<TokenResponse> {
    const access = await signAccessToken(config.jwtSecret, user.id, user.role, config.accessTokenSeconds, now());
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
      const limit = await accountLimit(request);
      if (!limit.isAllowed && limit.isExceeded) {
        request.log.warn({ email: normaliseEmail(request.body.email) }, 'login rate limit reached for account');
        throw new HttpError(429, 'Too many sign-in attempts for this account; try again later');
      }
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
      return tokens(doc, refresh.token);
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
    );
    if (rotation.outcome === 'reused') request.log.warn('refresh token reused: its family is revoked');
    if (rotation.outcome !== 'rotated') throw new HttpError(401, 'Invalid, expired or revoked refresh token');
    const user = await findUserById(sql, rotation.userId);
    if (!user || user.deleted || !user.doc.is_active) throw new HttpError(401, 'This account is no longer active');
    return tokens(user.doc, rotation.token);
  });

  api.post('/auth/logout', { schema: { body: RefreshTokenBody } }, async (request, reply) => {
    await revokeRefreshToken(sql, request.body.refresh_token, new Date(now()));
    return reply.status(204).send();
  });
}
