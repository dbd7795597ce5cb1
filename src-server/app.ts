import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createGuard } from './auth/guard';
import { authRoutes, createLoginAttempts } from './auth/routes';
import { blobRoutes } from './blobs/routes';
import { stationRoutes } from './auth/station-routes';
import { DEFAULT_AUTH_FAILURES_PER_IP_PER_MINUTE, type ServerConfig } from './config';
import type { Sql } from './db/sql';
import { corsHeaders, installCors } from './http/cors';
import { installErrorHandler } from './http/errors';
import { healthRoutes, ServerLifecycle } from './http/health';
import { installJsonDepthLimit } from './http/json-depth';
import { requestLogController } from './http/request-log';
import { setupStatusRoutes } from './http/setup-status';
import { ChangeFeed } from './sync/change-feed';
import { syncRoutes } from './sync/routes';
import { installScopeTracking } from './sync/scope/watch';
import { ScopeWorker } from './sync/scope/worker';

export interface AppOptions {
  sql: Sql;
  config: ServerConfig;
  /** The clock (ms since the epoch); tests move it to cross days and expiries. */
  now?: () => number;
  logger?: FastifyServerOptions['logger'];
  /** Readiness (/ready, http/health.ts): main.ts moves it through start and shutdown; ready when absent. */
  lifecycle?: ServerLifecycle;
}

/** The HTTP server, ready to listen or to be driven with inject(). The caller owns `sql`. */
export async function buildApp({
  sql,
  config,
  now = Date.now,
  logger,
  lifecycle = new ServerLifecycle(),
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    logController: requestLogController(config.requestLogLevel),
    // Never trust X-Forwarded-For by default: rate limits key on the socket address.
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installCors(app, config.corsOrigins);
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(rateLimit, { global: false });

  const feed = new ChangeFeed(sql);
  await feed.start();
  await installScopeTracking(sql);
  const scopeWorker = new ScopeWorker(sql, app.log);
  scopeWorker.start(feed);
  app.addHook('onClose', async () => {
    await scopeWorker.stop();
    await feed.stop();
  });

  // Before any route: every JSON body, authenticated or not, is bounded in depth before validation.
  installJsonDepthLimit(app);

  await healthRoutes(app, { sql, lifecycle });
  await setupStatusRoutes(app, { sql });
  // One per-account counter for every endpoint that checks a password.
  const loginAttempts = createLoginAttempts(app, config);
  await authRoutes(app, { sql, config, now, loginAttempts });
  await stationRoutes(app, { sql, config, now, loginAttempts });

  // Every route in this scope is authenticated by an onRequest hook: the bearer header is checked (and the
  // sign-in in the database, auth/guard.ts) before any body is read, parsed or validated.
  const guard = createGuard(app, {
    sql,
    secret: config.jwtSecret,
    now,
    failuresPerIpPerMinute: config.rateLimits.authFailuresPerIpPerMinute ?? DEFAULT_AUTH_FAILURES_PER_IP_PER_MINUTE,
  });
  await app.register(async (authenticated) => {
    authenticated.addHook('onRequest', guard.onRequest);
    await syncRoutes(authenticated, {
      sql,
      feed,
      principalOf: guard.principalOf,
      heartbeatMs: config.streamHeartbeatMs,
      now,
      streamHeaders: (origin) => corsHeaders(config.corsOrigins, origin),
      scoreRelease: config.scoreRelease,
    });
    await blobRoutes(authenticated, { sql, authenticate: async (request) => guard.principalOf(request) });
  });
  return app;
}
