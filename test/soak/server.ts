import { onExit } from '../bench/sync/exit';
import {
  buildBundle,
  newJwtSecret,
  removeTempDirs,
  startServerProcess,
  tempDir,
  type LogLine,
  type ServerProcess,
} from '../server/deploy/server-process';

/*
 * The real sync server as a deployment runs it: the bundle of
 * `npm run build:server`, `node main.js` in a child process, started by the
 * deploy tests' own helpers (test/server/deploy/server-process.ts), on
 * PostgreSQL. The soak stops it with SIGKILL or SIGTERM and starts it again.
 * Everything a deployment keeps across restarts stays the same: the port
 * (the soak's proxy forwards to one address), the JWT key (access tokens
 * outlive a restart) and the data directory.
 */

export interface StopResult {
  signal: 'SIGKILL' | 'SIGTERM';
  /** How long the process took to exit after the signal, ms. */
  exitMs: number;
  /** SIGTERM did not end it within the grace period, so it was killed. */
  escalated: boolean;
  exitCode: number | null;
}

export interface SoakServer {
  port: number;
  /** Starts the server and resolves once it is ready; returns the start-up time in ms. */
  start(): Promise<number>;
  stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<StopResult>;
  running(): boolean;
  /** Warnings and errors the server processes logged, oldest first (at most the last 500). */
  notableLogs(): LogLine[];
  dispose(): Promise<void>;
}

export interface SoakServerOptions {
  databaseUrl: string;
  port: number;
  corsOrigins: string;
  /** How long SIGTERM may take before SIGKILL follows; more than the server's own 10 s shutdown grace. */
  termGraceMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WARN = 40;

export function soakServer(options: SoakServerOptions): SoakServer {
  const bundle = buildBundle();
  const dataDir = tempDir('soak-server');
  const jwtSecret = newJwtSecret();
  const notable: LogLine[] = [];
  let current: ServerProcess | undefined;
  const alive = () => current !== undefined && current.child.exitCode === null && current.child.signalCode === null;
  const killNow = () => {
    if (alive()) current!.child.kill('SIGKILL');
    removeTempDirs();
  };
  const unhook = onExit(killNow);
  const keepNotable = (server: ServerProcess) => {
    // The helper keeps every line; the soak keeps what a failed run needs, across processes.
    const sift = () => {
      for (const line of server.logs.splice(0)) if ((line.level ?? 0) >= WARN) notable.push(line);
      notable.splice(0, Math.max(0, notable.length - 500));
    };
    const timer = setInterval(sift, 1_000);
    void server.exited.then(() => {
      clearInterval(timer);
      sift();
    });
  };

  return {
    port: options.port,
    running: alive,
    notableLogs: () => [...notable],
    async start() {
      if (alive()) throw new Error('the sync server is already running');
      const began = Date.now();
      current = await startServerProcess(bundle, {
        dataDir,
        databaseUrl: options.databaseUrl,
        jwtSecret,
        port: options.port,
        extra: {
          NODE_ENV: 'production',
          ASSIST_TEN_CORS_ORIGINS: options.corsOrigins,
          // Stations sign in again after relaunches, all from one address.
          ASSIST_TEN_LOGIN_PER_IP_PER_MINUTE: '100000',
          ASSIST_TEN_LOGIN_PER_ACCOUNT: '100000',
          ASSIST_TEN_AUTH_FAILURES_PER_IP_PER_MINUTE: '100000',
          // One line per request would be most of the soak's work; failed requests are still logged.
          ASSIST_TEN_REQUEST_LOG_LEVEL: 'debug',
        },
      });
      const ready = current.logs.find((l) => l.msg === 'sync server ready');
      if (ready?.driver !== 'pg') throw new Error(`the sync server runs on ${String(ready?.driver)}, not PostgreSQL`);
      keepNotable(current);
      return Date.now() - began;
    },
    async stop(signal) {
      const began = Date.now();
      if (!alive()) return { signal, exitMs: 0, escalated: false, exitCode: current?.child.exitCode ?? null };
      const server = current!;
      server.child.kill(signal);
      let escalated = false;
      if (signal === 'SIGTERM') {
        const grace = options.termGraceMs ?? 15_000;
        escalated = !(await Promise.race([server.exited.then(() => true), sleep(grace).then(() => false)]));
        if (escalated) server.child.kill('SIGKILL');
      }
      const { code } = await server.exited;
      return { signal, exitMs: Date.now() - began, escalated, exitCode: code };
    },
    async dispose() {
      if (alive()) await this.stop('SIGTERM');
      killNow();
      unhook();
    },
  };
}
