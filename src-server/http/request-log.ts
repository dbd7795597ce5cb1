import fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/*
 * Where Fastify's per-request lines go. Run alone (`npm run server`) the
 * server keeps them at info: one structured JSON line per request in and out,
 * for whoever collects the logs. Under `npm start` they drowned everything
 * else (about 1,500 lines in 12 minutes of clicking through the app), so
 * start.mjs asks for `debug` (ASSIST_TEN_REQUEST_LOG_LEVEL): they are then
 * written only with LOG_LEVEL=debug. Failed requests stay at error either way.
 */

export type RequestLogLevel = 'info' | 'debug';

/** Fastify's own lines, one level down: "incoming request", "request completed" and closed live streams. */
class DebugRequestLog extends fastify.LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    if (this.isLogDisabled(request)) return;
    reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  override streamError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    // Every reload or sign-out closes a live stream early: routine, not news.
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE')
      return super.streamError(error, request, reply);
    if (this.isLogDisabled(request)) return;
    reply.log.debug({ res: reply }, 'stream closed prematurely');
  }
}

/** The Fastify `logController` for a request log level; Fastify's default for `info`. */
export function requestLogController(level: RequestLogLevel | undefined) {
  return level === 'debug' ? new DebugRequestLog() : undefined;
}
