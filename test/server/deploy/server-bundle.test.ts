import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, packagesImportedBy } from '../../support/module-imports';
import { buildBundle, PASSWORD, removeTempDirs, ROOT, signIn, startServerProcess, tempDir } from './server-process';

/*
 * `npm run build:server` (scripts/build-server.mjs): the server as plain JavaScript that `node` runs
 * without tsx, importing only Node's built-ins and the server's own packages.
 */

let bundle: string;
beforeAll(() => {
  bundle = buildBundle();
});
afterAll(removeTempDirs);

const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const bundleFiles = () => filesUnder(bundle, (name) => name.endsWith('.js'));

/**
 * Packages the renderer imports that the server may import too: src-shared's schemas (zod) and hashes
 * (@noble/hashes, for ids and PIN verifiers) run on both sides. Every other renderer package (React,
 * RxDB, Dexie, MediaPipe, …) must stay out of the server.
 */
const SHARED_WITH_SERVER = new Set(['zod', '@noble/hashes']);

function rendererPackages(): string[] {
  const sources = filesUnder(join(ROOT, 'src-renderer'), (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name));
  return packagesImportedBy(sources, (specifier) => specifier.startsWith('@shared/'));
}

describe('the server bundle', () => {
  it('holds both entries, the SQL migrations and a manifest of the packages it imports', () => {
    expect(existsSync(join(bundle, 'main.js'))).toBe(true);
    expect(existsSync(join(bundle, 'cli.js'))).toBe(true);
    const source = join(ROOT, 'src-server/db/migrations');
    const shipped = readdirSync(source).filter((f) => f.endsWith('.sql'));
    expect(readdirSync(join(bundle, 'migrations')).sort()).toEqual(shipped.sort());
    for (const file of shipped)
      expect(readFileSync(join(bundle, 'migrations', file), 'utf8')).toBe(readFileSync(join(source, file), 'utf8'));

    const manifest = JSON.parse(readFileSync(join(bundle, 'package.json'), 'utf8')) as {
      type: string;
      dependencies: Record<string, string>;
    };
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.dependencies).sort()).toEqual(packagesImportedBy(bundleFiles()));
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      expect(rootManifest.dependencies[name], `${name} is a production dependency`).toBeDefined();
      const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      };
      expect(version, name).toBe(installed.version);
    }
  });

  it('imports no renderer package, only Node built-ins and the server’s own packages', () => {
    const imported = packagesImportedBy(bundleFiles());
    expect(imported).toContain('fastify');
    expect(imported.filter((name) => name.startsWith('<computed'))).toEqual([]);
    const forbidden = rendererPackages().filter((name) => !SHARED_WITH_SERVER.has(name));
    expect(forbidden).toEqual(expect.arrayContaining(['react', 'rxdb', 'dexie', '@mediapipe/tasks-vision']));
    expect(imported.filter((name) => forbidden.includes(name))).toEqual([]);
  });

  it('runs with plain node on PGlite: the admin CLI, then the server, live and ready, exiting 0 on SIGTERM', async () => {
    const dataDir = tempDir('bundle-data');
    // PGlite opens its database from one process at a time: the CLI first, as the README says.
    const cli = spawn(
      process.execPath,
      [join(bundle, 'cli.js'), 'create-admin', '--email', 'admin@example.org', '--password-stdin'],
      { cwd: bundle, env: { PATH: process.env.PATH, ASSIST_TEN_DATA_DIR: dataDir } },
    );
    cli.stdin.end(`${PASSWORD}\n`);
    let stdout = '';
    cli.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    expect(await new Promise((r) => cli.once('exit', r))).toBe(0);
    expect(stdout).toMatch(/Created super admin admin@example\.org/);

    const server = await startServerProcess(bundle, { dataDir });
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', driver: 'pglite' });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', driver: 'pglite' });
    // The account the CLI wrote is in the database the server opened.
    expect(await signIn(server.url, 'admin@example.org')).toEqual(expect.any(String));

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'shut down']));
    // PGlite's first start (initdb) and argon2 take seconds here, more on a loaded machine.
  }, 120_000);
});
