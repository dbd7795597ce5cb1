import { existsSync, lstatSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, importsOf, isBare, isBuiltin, packageOf, packagesImportedBy } from '../support/module-imports';

/*
 * What `npm run package` would put in the app, computed with electron-builder's own code, since
 * packaging cannot run here (it downloads Electron):
 *
 * - the configuration as electron-builder loads it (app-builder-lib's getConfig, electron-builder.yml);
 * - the node_modules it collects (its npm collector: `npm list --omit dev`, then hoisting), each kept or
 *   dropped by its node-module file matcher built from `files`, as computeNodeModuleFileSets does;
 * - the app's own files through its main file matcher (getMainFileMatchers).
 *
 * These are app-builder-lib internals (26.x): an upgrade that moves them fails this test loudly rather
 * than letting it check something electron-builder no longer does.
 *
 * Against that: what the main and preload bundles load at run time, from an in-memory electron-vite
 * build (its externalised imports), and what the server needs (the packages src-server and src-shared
 * import, with their dependencies).
 */

const ROOT = resolve(import.meta.dirname, '../..');
// app-builder-lib as electron-builder itself loads it (its exact version), and temp-file as app-builder-lib does.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const fromBuilderLib = createRequire(fromBuilder.resolve('app-builder-lib'));
const identity = (s: string) => s;

interface Collected {
  name: string;
  version: string;
  dir: string;
  dependencies?: Collected[];
}

interface BuilderConfig {
  files?: unknown;
  extraResources?: { from: string; to: string; filter?: string[] }[];
  asarUnpack?: unknown;
}

type FileFilter = (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean;

/** The (real) folder of `name` as Node resolves it from `fromDir`: the nearest node_modules up the tree. */
function locate(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Package folders `names` resolve to from the root, with their production dependencies, recursively. */
function closure(names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = locate(name, fromDir);
    if (!dir) {
      if (optional) return; // another platform's binary
      throw new Error(`${name} is not installed (needed from ${fromDir})`);
    }
    if (found.has(dir)) return;
    found.set(dir, name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of names) visit(name, ROOT, false);
  return found;
}

let config: BuilderConfig;
/** Package folder → name, for every module electron-builder would copy into the app. */
const packed = new Map<string, string>();
const dropped = new Map<string, string>();
let appFiles: FileFilter;
/** Bare imports of the main and preload bundles, by bundle. */
const runtimeImports: Record<string, string[]> = {};

async function builderView() {
  const { getConfig } = fromBuilder('app-builder-lib/out/util/config/config');
  const { getMainFileMatchers, getNodeModuleFileMatcher } = fromBuilder('app-builder-lib/out/fileMatcher');
  const { NpmNodeModulesCollector } = fromBuilder('app-builder-lib/out/node-module-collector/npmNodeModulesCollector');
  const { TmpDir } = fromBuilderLib('temp-file');

  config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
  const packager = { config, debugLogger: { isEnabled: false } };
  const modulesMatcher = getNodeModuleFileMatcher(ROOT, ROOT, identity, {}, packager);
  const moduleFilter: FileFilter = modulesMatcher.createFilter();
  const tmp = new TmpDir('assist-ten-packaging-test');
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string };
  const collector = new NpmNodeModulesCollector(ROOT, tmp);
  const { nodeModules } = (await collector.getNodeModules({ packageName: manifest.name })) as {
    nodeModules: Collected[];
  };
  await tmp.cleanup();
  // A module is copied when its package.json passes the filter, at its place in the app's tree.
  const walk = (modules: Collected[], destination: string) => {
    for (const m of modules) {
      const to = join(destination, 'node_modules', m.name);
      const file = join(m.dir, 'package.json');
      const stat = Object.assign(lstatSync(file), { moduleFullFilePath: join(to, 'package.json') });
      (moduleFilter(file, stat) ? packed : dropped).set(realpathSync(m.dir), m.name);
      if (m.dependencies) walk(m.dependencies, to);
    }
  };
  walk(nodeModules, '');

  const info = { projectDir: ROOT, buildResourcesDir: join(ROOT, 'build'), isPrepackedAppAsar: false, ...packager };
  const [appMatcher] = getMainFileMatchers(ROOT, ROOT, identity, {}, { info }, join(ROOT, 'release'), false);
  appFiles = appMatcher.createFilter();
}

async function mainAndPreloadImports() {
  // What `electron-vite build` sets before building (its own plugins read it); restored afterwards.
  const previous = process.env.NODE_ENV_ELECTRON_VITE;
  process.env.NODE_ENV_ELECTRON_VITE = 'production';
  try {
    const resolved = await resolveConfig({ root: ROOT, logLevel: 'silent' }, 'build', 'production');
    for (const target of ['main', 'preload'] as const) {
      const viteConfig = resolved.config![target]!;
      const result = await build({ ...viteConfig, logLevel: 'silent', build: { ...viteConfig.build, write: false } });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const chunks = outputs.flatMap((o) => o.output).filter((o) => o.type === 'chunk');
      runtimeImports[target] = chunks.flatMap((chunk) => importsOf(chunk.fileName, chunk.code)).filter(isBare);
    }
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV_ELECTRON_VITE;
    else process.env.NODE_ENV_ELECTRON_VITE = previous;
  }
}

beforeAll(async () => {
  await Promise.all([builderView(), mainAndPreloadImports()]);
}, 120_000);

/** Packages main or preload load at run time (Electron itself is the runtime, never a package in the app). */
const runtimePackages = () =>
  [
    ...new Set(
      Object.values(runtimeImports)
        .flat()
        .filter((s) => !isBuiltin(s) && s !== 'electron')
        .map(packageOf),
    ),
  ].sort();

function serverPackages(): string[] {
  const sources = ['src-server', 'src-shared'].flatMap((dir) =>
    filesUnder(join(ROOT, dir), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts')),
  );
  return packagesImportedBy(sources);
}

describe('the desktop installer', () => {
  it('is computed from something: electron-builder collects the production dependencies', () => {
    expect(packed.size + dropped.size).toBeGreaterThan(50);
    expect(runtimeImports.main).toContain('electron');
    expect(runtimeImports.preload).toContain('electron');
  });

  it('packs every package the main and preload bundles load at run time, with their dependencies', () => {
    const needed = closure(runtimePackages());
    expect([...needed.values()]).toContain('zod');
    const missing = [...needed].filter(([dir]) => !packed.has(dir)).map(([, name]) => name);
    expect(missing, 'add them to the node_modules line of `files` in electron-builder.yml').toEqual([]);
  });

  it('packs none of the server’s packages', () => {
    const app = closure(runtimePackages());
    const serverOnly = [...closure(serverPackages())].filter(([dir]) => !app.has(dir));
    const names = serverOnly.map(([, name]) => name);
    for (const name of ['fastify', '@fastify/compress', '@fastify/rate-limit', 'pg', '@electric-sql/pglite'])
      expect(names).toContain(name);
    for (const name of ['@node-rs/argon2', 'pino', 'jose', 'jpeg-js', 'fastify-type-provider-zod'])
      expect(names).toContain(name);
    expect(serverOnly.filter(([dir]) => packed.has(dir)).map(([, name]) => name)).toEqual([]);
  });

  it('holds the main, preload and renderer bundles, not the server or browser builds', () => {
    // Probed by path: the build output need not exist for the patterns to be judged.
    const aFile = { isDirectory: () => false } as Stats;
    const included = (path: string) => appFiles(join(ROOT, path), aFile);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    for (const path of [manifest.main, 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json'])
      expect(included(path), path).toBe(true);
    for (const path of ['out/server/main.js', 'out/server/migrations/001_initial_schema.sql', 'out/web/index.html'])
      expect(included(path), path).toBe(false);
    for (const path of ['out/web-e2e/index.html', 'src-server/main.ts', 'node_modules/fastify/package.json'])
      expect(included(path), path).toBe(false);
  });

  it('adds no server code or packages through extraResources or asarUnpack', () => {
    for (const resource of config.extraResources ?? []) {
      expect(resource.from).not.toMatch(/node_modules|out\/server|src-server/);
      const shipped = filesUnder(join(ROOT, resource.from), () => true);
      expect(shipped.filter((f) => /node_modules|src-server/.test(f))).toEqual([]);
    }
    expect(config.asarUnpack ?? []).toEqual([]);
  });
});
