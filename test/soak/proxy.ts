import { createConnection, createServer, type Server, type Socket } from 'node:net';

/*
 * The stations' network: a TCP proxy in front of the sync server. The
 * browser build is built for the proxy's address, so the server can restart
 * behind it on its own port, and the soak can cut the network in two ways:
 *
 * - `refuse`: the listener stops and every open connection is reset, as when
 *   a cable is pulled on the server's side: connecting fails at once;
 * - `blackhole`: connections are accepted and held, and data stops flowing
 *   on the open ones, as when a link drops packets: requests hang until the
 *   network heals, when the held connections are reset.
 *
 * A connection whose upstream cannot be reached (the server is restarting)
 * is reset too, which is what a browser sees from a stopped server.
 */

export type CutKind = 'refuse' | 'blackhole';

export interface Proxy {
  url: string;
  port: number;
  cut(kind: CutKind): Promise<void>;
  heal(): Promise<void>;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

function reset(socket: Socket | undefined) {
  if (!socket || socket.destroyed) return;
  socket.resetAndDestroy();
}

export async function startProxy(port: number, target: { host: string; port: number }): Promise<Proxy> {
  const pairs = new Set<Pair>();
  let mode: 'open' | CutKind = 'open';
  let accepted = 0;

  function onConnection(client: Socket) {
    accepted++;
    const pair: Pair = { client };
    pairs.add(pair);
    client.on('error', () => undefined);
    client.once('close', () => {
      pairs.delete(pair);
      reset(pair.upstream);
    });
    if (mode !== 'open') {
      client.pause(); // held until the network heals
      return;
    }
    const upstream = createConnection(target);
    pair.upstream = upstream;
    upstream.on('error', () => undefined);
    upstream.once('close', () => reset(client));
    client.pipe(upstream);
    upstream.pipe(client);
  }

  let server: Server = createServer(onConnection);
  const listen = (s: Server) =>
    new Promise<void>((ok, fail) => {
      s.once('error', fail);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', fail);
        ok();
      });
    });
  const closeListener = (s: Server) => new Promise<void>((ok) => s.close(() => ok()));
  await listen(server);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => accepted,
    async cut(kind) {
      if (mode !== 'open') return;
      mode = kind;
      if (kind === 'refuse') {
        const closing = closeListener(server);
        for (const pair of pairs) reset(pair.client);
        await closing;
      } else {
        for (const pair of pairs) {
          pair.client.unpipe();
          pair.upstream?.unpipe();
          pair.client.pause();
          pair.upstream?.pause();
        }
      }
    },
    async heal() {
      if (mode === 'open') return;
      const was = mode;
      mode = 'open';
      if (was === 'refuse') {
        server = createServer(onConnection);
        await listen(server);
      } else {
        for (const pair of [...pairs]) reset(pair.client);
      }
    },
    async close() {
      for (const pair of pairs) reset(pair.client);
      if (mode !== 'refuse') await closeListener(server);
      mode = 'refuse';
    },
  };
}
