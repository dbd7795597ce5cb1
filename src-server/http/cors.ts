import type { FastifyInstance } from 'fastify';

/*
 * CORS for the renderer's origins only (the Vite dev and preview servers and
 * the packaged app's app:// scheme). Requests from other origins get no CORS
 * headers, so browsers refuse to hand them the responses.
 */

const ALLOWED_HEADERS = 'authorization, content-type';
const ALLOWED_METHODS = 'GET, POST, PUT, OPTIONS';

export function corsHeaders(origins: readonly string[], origin: string | undefined): Record<string, string> {
  if (!origin || !origins.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

export function installCors(app: FastifyInstance, origins: readonly string[]): void {
  app.addHook('onRequest', async (request, reply) => {
    const headers = corsHeaders(origins, request.headers.origin);
    if (!headers['access-control-allow-origin']) {
      if (request.method === 'OPTIONS') return reply.status(403).send();
      return;
    }
    reply.headers(headers);
    if (request.method === 'OPTIONS') {
      return reply
        .status(204)
        .headers({
          'access-control-allow-methods': ALLOWED_METHODS,
          'access-control-allow-headers': ALLOWED_HEADERS,
          'access-control-max-age': '600',
        })
        .send();
    }
  });
}
