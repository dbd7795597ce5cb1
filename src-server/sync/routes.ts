import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IMMEDIATE_RELEASE, type ScoreReleasePolicy } from '../../src-shared/domain/score-release';
import { collectionNames, type CollectionName } from '../../src-shared/storage/layout';
import { CollectionParam, PullBody, PullQuery, pushBodyOf, type PushRow } from '../../src-shared/sync/wire';
import type { Authenticated } from '../auth/guard';
import type { Sql } from '../db/sql';
import { HttpError } from '../http/errors';
import type { ChangeFeed } from './change-feed';
import { pullChanges } from './pull';
import { registerPrincipal } from './scope/principals';
import { pushChanges } from './write/pipeline';
import { ScoreReleaser } from './score-release';
import { StreamSession } from './stream';

export interface SyncDeps {
  sql: Sql;
  feed: ChangeFeed;
  /**
   * The request's principal, stored by the guard's onRequest hook (auth/guard.ts), which must guard every
   * route registered here (app.ts): authentication comes before the body is parsed and validated.
   */
  principalOf: (request: FastifyRequest) => Authenticated;
  heartbeatMs: number;
  now: () => number;
  /** Headers a hijacked (streaming) response must carry itself, e.g. CORS. */
  streamHeaders: (origin: string | undefined) => Record<string, string>;
  /** When candidates receive their scores (src-shared/domain/score-release.ts); immediately by default. */
  scoreRelease?: ScoreReleasePolicy;
}

/**
 * Push bodies carry whole documents (extracted CV text reaches 200 kB each). Parsing and validating
 * that much takes a while, so it happens only for requests the guard has let through.
 */
const PUSH_BODY_LIMIT = 32 * 1024 * 1024;

export async function syncRoutes(app: FastifyInstance, deps: SyncDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { sql, principalOf } = deps;
  const sessions = new Set<StreamSession>();
  const release = deps.scoreRelease ?? IMMEDIATE_RELEASE;
  const releaser = new ScoreReleaser(sql, release, deps.now, app.log);
  releaser.start();
  app.addHook('onClose', async () => releaser.stop());

  // A pull of test sessions first releases any score whose time has come, so it cannot miss one.
  const pull = async (principal: Authenticated, collection: CollectionName, since: number, limit: number) => {
    if (collection === 'test_sessions') await releaser.releaseIfDue();
    await registerPrincipal(sql, principal);
    const { documents, checkpoint } = await pullChanges(sql, principal, collection, since, limit);
    return { documents, checkpoint };
  };

  // One route per collection, each validating documents against that
  // collection's own entity schemas.
  for (const collection of collectionNames) {
    api.get(`/sync/${collection}/pull`, { schema: { querystring: PullQuery } }, async (request) => {
      const principal = principalOf(request);
      return pull(principal, collection, request.query.checkpoint ?? 0, request.query.limit);
    });
    api.post(`/sync/${collection}/pull`, { schema: { body: PullBody } }, async (request) => {
      const principal = principalOf(request);
      return pull(principal, collection, request.body.checkpoint?.seq ?? 0, request.body.limit);
    });
    api.post(
      `/sync/${collection}/push`,
      { schema: { body: pushBodyOf(collection) }, bodyLimit: PUSH_BODY_LIMIT },
      async (request) => {
        const principal = principalOf(request);
        const conflicts = await pushChanges(sql, principal, collection, request.body as PushRow[], {
          release,
          now: deps.now,
          onRefusal: (refusal) => request.log.info({ collection, ...refusal }, 'push refused by the conflict table'),
        });
        request.log.info({ collection, rows: request.body.length, conflicts: conflicts.length }, 'push');
        return conflicts;
      },
    );
  }

  // Known collections match the static routes above first; anything else
  // lands here and fails the params schema: a 400 naming `collection`.
  const unknownCollection = async (): Promise<never> => {
    throw new HttpError(404, 'No such sync route');
  };
  api.route({
    method: ['GET', 'POST'],
    url: '/sync/:collection/pull',
    schema: { params: CollectionParam },
    handler: unknownCollection,
  });
  api.route({
    method: 'POST',
    url: '/sync/:collection/push',
    schema: { params: CollectionParam },
    handler: unknownCollection,
  });

  api.get('/sync/stream', async (request, reply) => {
    const principal = principalOf(request);
    const headers = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...deps.streamHeaders(request.headers.origin),
    };
    reply.hijack();
    reply.raw.writeHead(200, headers);
    reply.raw.write('retry: 2000\n\n');
    const session = new StreamSession(sql, deps.feed, principal, reply.raw, {
      heartbeatMs: deps.heartbeatMs,
      now: deps.now,
      log: request.log,
    });
    sessions.add(session);
    request.log.info({ userId: principal.id }, 'live stream opened');
    try {
      await session.start(() => sessions.delete(session));
    } catch (error) {
      request.log.warn({ err: error }, 'live stream could not start');
      session.end();
    }
  });

  // Open streams would keep the server from closing.
  app.addHook('preClose', async () => {
    for (const session of sessions) session.end();
  });
}
