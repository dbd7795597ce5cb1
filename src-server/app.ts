import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createAuthenticator } from './auth/guard';
import { authRoutes } from './auth/routes';
import { blobRoutes } from './blobs/routes';
import { stationRoutes } from './auth/station-routes';
import type { ServerConfig } from './config';
import type { Sql } from './db/sql';
import { corsHeaders, installCors } from './http/cors';
import { installErrorHandler } from './http/errors';
import { ChangeFeed } from './sync/change-feed';
import { syncRoutes } from './sync/routes';

export interface AppOptions {
  sql: Sql;
  config: ServerConfig;
  /** The clock (ms since the epoch); tests move it to cross days and expiries. */
  now?: () => number;
  logger?: FastifyServerOptions['logger'];
}

/** The HTTP server, ready to listen or to be driven with inject(). The caller owns `sql`. */
export async function buildApp({ sql, config, now = Date.now, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
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
  app.addHook('onClose', async () => feed.stop());

  app.get('/health', async () => ({ status: 'ok', driver: sql.driver }));
  await authRoutes(app, { sql, config, now });
  await stationRoutes(app, { sql, config, now });
  await syncRoutes(app, {
    sql,
    feed,
    authenticate: createAuthenticator(sql, config.jwtSecret, now),
    heartbeatMs: config.streamHeartbeatMs,
    now,
    streamHeaders: (origin) => corsHeaders(config.corsOrigins, origin),
    scoreRelease: config.scoreRelease,
  });
  await blobRoutes(app, { sql, authenticate: createAuthenticator(sql, config.jwtSecret, now) });
  return app;
}
