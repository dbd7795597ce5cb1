import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onExit } from './exit';
import { freePort } from './free-port';

/*
 * The real sync server (`src-server/main.ts`, as `npm run server` runs it)
 * in its own Node process, on PostgreSQL, listening on 127.0.0.1 at a free
 * port. Its own process, not the bench's: the server must not share an
 * event loop (or a core's worth of JIT and GC) with the clients timing it.
 *
 * Configured through its environment like a deployment: a random JWT key,
 * a bootstrap super admin, login rate limits raised (the kiosk set-up signs
 * in 200 accounts from one address), LOG_LEVEL=info (the production default:
 * pino writes one line per request; stdout goes to /dev/null).
 * ASSIST_TEN_BENCH_SERVER_ARGS adds Node flags, e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof" to profile the server during a run, and
 * ASSIST_TEN_BENCH_SERVER_LOG sets its LOG_LEVEL, ASSIST_TEN_BENCH_SERVER_STDOUT
 * names a file to keep its log in (pino's per-request `responseTime`).
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const env = process.env;

export interface SyncServer {
  url: string;
  adminEmail: string;
  adminPassword: string;
  /** CPU time the server process has used so far (user + system, ms; Linux /proc), for per-run figures. */
  cpuMs(): number;
  /** Server stderr so far (warnings, crashes), for error messages. */
  stderr(): string;
  stop(): Promise<void>;
}

/** utime + stime of a process, from /proc/<pid>/stat (clock ticks, 100 a second on Linux), in ms; NaN elsewhere. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sync server exited with ${child.exitCode}: ${stderr()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) {
        const body = (await res.json()) as { driver?: string };
        if (body.driver !== 'pg') throw new Error(`sync server runs on ${body.driver}, not PostgreSQL`);
        return;
      }
    } catch (error) {
      if (error instanceof Error && error.message.includes('not PostgreSQL')) throw error;
    }
    await sleep(100);
  }
  throw new Error(`sync server did not answer /health within 60 s: ${stderr()}`);
}

export async function startSyncServer(databaseUrl: string): Promise<SyncServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'assist-ten-bench-server-'));
  const adminEmail = 'bench-admin@example.org';
  const adminPassword = randomBytes(18).toString('base64url');
  const extraArgs = (env.ASSIST_TEN_BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean);
  const logFd = env.ASSIST_TEN_BENCH_SERVER_STDOUT ? openSync(env.ASSIST_TEN_BENCH_SERVER_STDOUT, 'a') : undefined;
  const child = spawn(process.execPath, [...extraArgs, '--import', 'tsx', 'src-server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: env.PATH,
      HOME: env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ASSIST_TEN_DATA_DIR: dataDir,
      ASSIST_TEN_JWT_SECRET: randomBytes(48).toString('base64url'),
      ASSIST_TEN_ADMIN_EMAIL: adminEmail,
      ASSIST_TEN_ADMIN_PASSWORD: adminPassword,
      ASSIST_TEN_ACCESS_TOKEN_SECONDS: '3600',
      ASSIST_TEN_LOGIN_PER_IP_PER_MINUTE: '100000',
      ASSIST_TEN_LOGIN_PER_ACCOUNT: '1000',
      LOG_LEVEL: env.ASSIST_TEN_BENCH_SERVER_LOG ?? 'info',
    },
    stdio: ['ignore', logFd ?? 'ignore', 'pipe'],
  });
  if (logFd !== undefined) closeSync(logFd); // the child has its own copy
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    err = (err + chunk).slice(-8000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  const unhook = onExit(killNow);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try {
      if (child.exitCode === null && child.signalCode === null) {
        // main.ts closes Fastify and the pool on SIGTERM; --cpu-prof writes its profile on that exit.
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(15_000)]);
      }
    } finally {
      killNow();
      unhook();
    }
  };
  try {
    await waitForHealth(url, child, () => err);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, adminEmail, adminPassword, cpuMs: () => processCpuMs(child.pid), stderr: () => err, stop };
}
