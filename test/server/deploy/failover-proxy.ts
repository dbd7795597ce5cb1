import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A small reverse proxy that fails over, as nginx's `proxy_next_upstream error` does: each request goes
 * to the first upstream of its route that accepts the connection, and a response cut off mid-way (its
 * upstream died) is cut off for the client too, so the client sees the failure and reconnects.
 *
 * Request bodies are read whole before forwarding, so that a refused connection can be retried on the
 * next upstream with the same body. A body is never sent twice: only a refused connection moves on.
 * Live streams can be held at the door (`holdStreams`), which lets a test commit writes while a client
 * has no stream, without timing.
 */

export interface Upstream {
  name: string;
  port: number;
}

export interface Served {
  method: string;
  path: string;
  upstream: string;
}

export interface FailoverProxy {
  url: string;
  served: Served[];
  /** Stream requests wait until `releaseStreams()`; resolves once `count` of them are waiting. */
  holdStreams(): void;
  waitingStreams(count: number): Promise<void>;
  releaseStreams(): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

const isStream = (req: IncomingMessage) => req.method === 'GET' && req.url?.split('?')[0] === '/sync/stream';

export async function failoverProxy(route: (streaming: boolean) => Upstream[]): Promise<FailoverProxy> {
  const served: Served[] = [];
  let held: (() => void)[] | undefined;
  const waiters: { count: number; resolve: () => void }[] = [];

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, upstreams: Upstream[]) => {
    const [upstream, ...rest] = upstreams;
    if (!upstream) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('no upstream accepted the connection');
      return;
    }
    // A new connection per request: a pooled one to a dead process would fail only once reused.
    const upstreamReq = request({
      host: '127.0.0.1',
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...endToEnd(req.headers), host: `127.0.0.1:${upstream.port}`, 'content-length': body.length },
      agent: false,
    });
    let answered = false;
    upstreamReq.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered && error.code === 'ECONNREFUSED') forward(req, res, body, rest);
      else res.destroy();
    });
    upstreamReq.on('response', (upstreamRes) => {
      answered = true;
      served.push({ method: req.method!, path: req.url!, upstream: upstream.name });
      res.writeHead(upstreamRes.statusCode!, endToEnd(upstreamRes.headers));
      upstreamRes.pipe(res);
      upstreamRes.on('close', () => {
        if (!upstreamRes.complete) res.destroy();
      });
    });
    // The client went away (a stream it closed): so does the upstream request.
    res.on('close', () => upstreamReq.destroy());
    upstreamReq.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const go = () => forward(req, res, Buffer.concat(chunks), route(isStream(req)));
      if (isStream(req) && held) {
        held.push(go);
        for (const w of waiters.filter((x) => held!.length >= x.count)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      } else go();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    served,
    holdStreams() {
      held ??= [];
    },
    waitingStreams(count) {
      if ((held?.length ?? 0) >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    releaseStreams() {
      const queued = held ?? [];
      held = undefined;
      for (const go of queued) go();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
