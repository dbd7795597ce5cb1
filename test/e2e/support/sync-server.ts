/*
 * The sync server the end-to-end tests run against (a Playwright webServer):
 * a new PGlite data directory for every run, filled by the real seed command
 * (`scripts/seed.ts`, with the password from E2E_SEED_PASSWORD), then the real
 * server (`src-server/main.ts`). The directory is removed when the server stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dataDir = mkdtempSync(join(tmpdir(), 'assist-ten-e2e-'));
const env: NodeJS.ProcessEnv = { ...process.env, ASSIST_TEN_DATA_DIR: dataDir };
// Always a throwaway PGlite, even on a machine where DATABASE_URL points at a real PostgreSQL.
delete env.DATABASE_URL;

function run(script: string, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { env, stdio: 'inherit' });
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

function cleanUp() {
  rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const seeded = await exited(run('scripts/seed.ts', ['--password-env', 'E2E_SEED_PASSWORD']));
  if (seeded !== 0) return seeded;
  const server = run('src-server/main.ts');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  return exited(server);
}

main().then(
  (code) => {
    cleanUp();
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    cleanUp();
    process.exit(1);
  },
);
