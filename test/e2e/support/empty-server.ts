import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/*
 * A second, real sync server for a test that needs one the seeded e2e server
 * cannot be: a new one with no accounts (`src-server/main.ts` on its own
 * fresh PGlite directory, as a newcomer's first `npm start` runs it). The
 * browser build has the e2e server's URL built in, so the page's requests to
 * it are forwarded here (`routeTo`); the server answers them itself, CORS
 * headers included.
 */

export interface EmptyServer {
  url: string;
  /** Everything the server printed, for assertions on its start-up warnings. */
  output(): string;
  /** Stops it and starts it again on the same data, with extra environment (e.g. the bootstrap admin). */
  restart(env?: NodeJS.ProcessEnv): Promise<void>;
  /** Sends the page's requests for `builtInUrl` here instead. */
  routeTo(page: Page, builtInUrl: string): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the empty server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the empty server did not start in 90 s');
}

export async function startEmptyServer(webOrigin: string): Promise<EmptyServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'assist-ten-e2e-empty-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let printed = '';
  let child: ChildProcess | undefined;

  async function start(extra: NodeJS.ProcessEnv = {}) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...extra,
      HOST: '127.0.0.1',
      PORT: String(port),
      ASSIST_TEN_DATA_DIR: dataDir,
      ASSIST_TEN_CORS_ORIGINS: webOrigin,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, ['--import', 'tsx', 'src-server/main.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    await waitForHealth(url, child);
  }

  async function stopChild() {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  await start();
  return {
    url,
    output: () => printed,
    async restart(env) {
      await stopChild();
      await start(env);
    },
    async routeTo(page, builtInUrl) {
      await page.route(`${builtInUrl}/**`, async (route) => {
        try {
          const response = await route.fetch({ url: route.request().url().replace(builtInUrl, url) });
          await route.fulfill({ response });
        } catch {
          // Down (between a stop and a start): as a refused connection looks to the page.
          await route.abort('connectionrefused');
        }
      });
    },
    async stop() {
      await stopChild();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
