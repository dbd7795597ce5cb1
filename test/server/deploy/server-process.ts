import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * The built server (scripts/build-server.mjs) as a deployment runs it: `node main.js` in a child process,
 * configured only through its environment (src-server/config.ts).
 */

export const ROOT = resolve(import.meta.dirname, '../../..');
export const PASSWORD = 'correct horse battery staple';

const temporary: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `assist-ten-${prefix}-`));
  temporary.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Builds the bundle into a folder of this test file's own (test files run in parallel), with the
 * repository's node_modules linked next to it, as a deployment installs the packages beside main.js.
 */
export function buildBundle(): string {
  const dir = tempDir('server-bundle');
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs', '--out-dir', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build-server failed: ${build.stderr}${build.stdout}`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A port free a moment ago (the server takes PORT from its environment; 0 is not accepted there). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

export interface LogLine {
  msg?: string;
  level?: number;
  req?: { method?: string; url?: string };
  [key: string]: unknown;
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  logs: LogLine[];
  /** Resolves with the first log line (already written or still to come) that matches. */
  waitForLog(matches: (line: LogLine) => boolean): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

export interface ServerEnv {
  /** PGlite's data directory, or where the JWT secret would live on PostgreSQL. */
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  jwtSecret?: string;
  admin?: { email: string; password: string };
  /** A port to listen on (a restart on the address a proxy knows); a free one when absent. */
  port?: number;
  extra?: Record<string, string>;
}

export const newJwtSecret = () => randomBytes(48).toString('base64url');

/** Starts `node <bundle>/main.js` and resolves once it logs that it is ready. */
export async function startServerProcess(bundle: string, env: ServerEnv): Promise<ServerProcess> {
  const port = env.port ?? (await freePort());
  const child = spawn(process.execPath, ['--enable-source-maps', join(bundle, 'main.js')], {
    // A deployment's working directory is not the repository.
    cwd: bundle,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ASSIST_TEN_DATA_DIR: env.dataDir,
      ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}),
      ...(env.databaseSchema ? { ASSIST_TEN_DATABASE_SCHEMA: env.databaseSchema } : {}),
      ...(env.jwtSecret ? { ASSIST_TEN_JWT_SECRET: env.jwtSecret } : {}),
      ...(env.admin ? { ASSIST_TEN_ADMIN_EMAIL: env.admin.email, ASSIST_TEN_ADMIN_PASSWORD: env.admin.password } : {}),
      ...env.extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const waiters: { matches: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let partial = '';
  let err = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const text of lines) {
      if (!text.trim()) continue;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        line = { msg: text };
      }
      logs.push(line);
      for (const waiter of waiters.filter((w) => w.matches(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (err = (err + chunk).slice(-8000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );

  const waitForLog = (matches: (line: LogLine) => boolean) => {
    const seen = logs.find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise<LogLine>((resolveLine, reject) => {
      waiters.push({ matches, resolve: resolveLine });
      void exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}): ${err}`)));
    });
  };

  await waitForLog((l) => l.msg === 'sync server ready');
  return { url: `http://127.0.0.1:${port}`, port, child, logs, waitForLog, exited, stderr: () => err };
}

/** Signs in over HTTP; returns the access token. */
export async function signIn(url: string, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
