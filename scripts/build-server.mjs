#!/usr/bin/env node
/*
 * `npm run build:server`: the sync server as plain JavaScript in out/server/, for `node out/server/main.js`
 * (no tsx, no renderer packages):
 *
 *   main.js, cli.js   the server and the admin CLI (seed, create-admin), with source maps
 *   *-[hash].js       code both entries share
 *   migrations/       the SQL migrations, read at start: db/migrate.ts resolves `./migrations` against
 *                     import.meta.url, which in the bundle is this folder, so the lookup is unchanged
 *   package.json      "type": "module" and the npm packages the bundle imports, pinned to the versions
 *                     installed here: `npm install --omit=dev` in a copy of this folder makes it deployable
 *
 * Our TypeScript (src-server, src-shared) is bundled; npm packages stay external (Vite's SSR build
 * externalises node_modules), so native and WebAssembly packages (@node-rs/argon2, PGlite) load their own
 * files from their own folders. Every chunk sits at the top of out/server: a chunk in a subfolder would
 * see `./migrations` relative to that subfolder.
 *
 * Vite is the bundler already used for the app (its SSR build is rolldown); esbuild is only tsx's
 * dependency here. Build time on this machine: about 0.3 s.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT_DIR = path.join(root, 'out', 'server');

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const builtins = new Set(builtinModules);
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtins.has(packageName(specifier));

/** The version Node resolves from the repository root (package.json is not always in a package's exports). */
function installedVersion(name) {
  return JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

async function bundle(outDir) {
  const result = await build({
    configFile: false,
    root,
    // Nothing of the repository's root is copied along, and no .env file is read.
    publicDir: false,
    envDir: false,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir,
      // Emptied by buildServer (Vite would refuse a folder outside the repository).
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: true,
      rolldownOptions: {
        input: { main: path.join(root, 'src-server/main.ts'), cli: path.join(root, 'src-server/cli.ts') },
        output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  return (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).filter((o) => o.type === 'chunk');
}

/** The npm packages the chunks import (statically or dynamically), by name. */
function externalPackages(chunks) {
  const names = new Set();
  for (const chunk of chunks) {
    for (const specifier of [...chunk.imports, ...chunk.dynamicImports]) {
      if (specifier.startsWith('.') || path.isAbsolute(specifier) || isBuiltin(specifier)) continue;
      // Our own chunks are imported by file name.
      if (chunks.some((c) => c.fileName === specifier)) continue;
      names.add(packageName(specifier));
    }
  }
  return [...names].sort();
}

/** Builds into `outDir` (out/server by default; tests build into a folder of their own). */
export async function buildServer(outDir = DEFAULT_OUT_DIR) {
  rmSync(outDir, { recursive: true, force: true });
  const chunks = await bundle(outDir);
  const nested = chunks.filter((c) => c.fileName.includes('/'));
  if (nested.length) throw new Error(`Chunks must sit in out/server itself: ${nested.map((c) => c.fileName)}`);

  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const externals = externalPackages(chunks);
  const notProduction = externals.filter((name) => !manifest.dependencies?.[name]);
  if (notProduction.length) {
    throw new Error(`The server imports packages that are not production dependencies: ${notProduction.join(', ')}`);
  }

  const migrations = path.join(root, 'src-server', 'db', 'migrations');
  mkdirSync(path.join(outDir, 'migrations'));
  for (const file of readdirSync(migrations).filter((f) => f.endsWith('.sql'))) {
    cpSync(path.join(migrations, file), path.join(outDir, 'migrations', file));
  }

  const serverManifest = {
    name: `${manifest.name}-server`,
    version: manifest.version,
    private: true,
    description: 'Assist-Ten sync server (built by scripts/build-server.mjs)',
    type: 'module',
    main: 'main.js',
    engines: manifest.engines,
    scripts: { start: 'node --enable-source-maps main.js', cli: 'node cli.js' },
    dependencies: Object.fromEntries(externals.map((name) => [name, installedVersion(name)])),
  };
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(serverManifest, null, 2)}\n`);
  return { outDir, chunks: chunks.map((c) => c.fileName), externals };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
  const started = performance.now();
  const built = await buildServer(values['out-dir'] ? path.resolve(values['out-dir']) : DEFAULT_OUT_DIR);
  const ms = Math.round(performance.now() - started);
  const where = path.relative(process.cwd(), built.outDir) || '.';
  console.log(`${where}: ${built.chunks.join(', ')} in ${ms} ms; external packages: ${built.externals.join(', ')}`);
}
