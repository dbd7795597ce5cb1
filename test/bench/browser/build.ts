import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { build, type Logger, type Plugin } from 'vite';
import { faceDetectorPlugin } from '../../../scripts/vite-face-detector';

/*
 * Builds the bench page with Vite (production mode, as the app ships) into a
 * caller-owned directory. Only the selected browser suites are bundled, via a
 * generated module, so a suite being written cannot break the others' run.
 */

const here = import.meta.dirname;
const repoRoot = resolve(here, '../../..');
const VIRTUAL_ID = 'virtual:bench-suites';

/**
 * rxdb ships its own Dexie (node_modules/rxdb/node_modules/dexie, another
 * version than the app's top-level one), and Dexie throws when two versions
 * load in one page. The baseline must use the very Dexie RxDB runs on anyway,
 * so that the ratio measures RxDB alone: resolve every `dexie` import there.
 */
function dexieOfRxdb(): string {
  const fromRxdb = createRequire(createRequire(import.meta.url).resolve('rxdb/plugins/storage-dexie'));
  return dirname(fromRxdb.resolve('dexie/package.json'));
}

function suitesModule(ids: readonly string[]): Plugin {
  const resolved = `\0${VIRTUAL_ID}`;
  return {
    name: 'bench-suites',
    resolveId: (id) => (id === VIRTUAL_ID ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      const entries = ids.map(
        (suiteId) =>
          `${JSON.stringify(suiteId)}: () => import(${JSON.stringify(resolve(here, '../suites', `${suiteId}.ts`))})`,
      );
      return `export const suites = {${entries.join(',\n')}};`;
    },
  };
}

/** stdout carries only results: every Vite message goes to stderr. */
function stderrLogger(): Logger {
  const write = (msg: string) => process.stderr.write(`[vite] ${msg}\n`);
  const warned = new Set<string>();
  return {
    hasWarned: false,
    info: () => undefined,
    warn: write,
    warnOnce: (msg) => {
      if (!warned.has(msg)) write(msg);
      warned.add(msg);
    },
    error: write,
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
  };
}

export async function buildBenchPage(suiteIds: readonly string[], outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: here,
    mode: 'production',
    logLevel: 'warn',
    customLogger: stderrLogger(),
    resolve: {
      alias: [
        { find: '@shared', replacement: resolve(repoRoot, 'src-shared') },
        { find: /^dexie$/, replacement: dexieOfRxdb() },
      ],
    },
    plugins: [suitesModule(suiteIds), faceDetectorPlugin()],
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      reportCompressedSize: false,
      // The bench figures are about storage, not bundle size: no size warnings.
      chunkSizeWarningLimit: 100_000,
      rolldownOptions: { input: resolve(here, 'index.html') },
    },
  });
}
