import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { buildBenchPage } from './browser/build';
import { ChromiumMissingError, assertChromium, launchChromium } from './browser/chromium';
import type { BenchPage } from './browser/page';
import { serveStatic } from './browser/serve';
import { toResult } from './stats';
import { suites } from './suites/index';
import type { BenchResult, Suite, SuiteEntry } from './types';

/*
 * `npm run bench [-- --only PREFIX]`: stdout gets one JSON result per line
 * and nothing else; progress and diagnostics go to stderr. Exits non-zero on
 * any failure, after cleaning up the browser, the server and the temp dir.
 */

const BENCH_TIMEOUT_MS = 10 * 60_000;

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const emit = (result: BenchResult) => process.stdout.write(`${JSON.stringify(result)}\n`);

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): { only: string } {
  let only = '';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--only') {
      const next = argv[(i += 1)];
      if (next === undefined) throw new UsageError('--only needs a name prefix, e.g. --only db.');
      only = next;
    } else if (arg.startsWith('--only=')) only = arg.slice('--only='.length);
    else throw new UsageError(`unknown argument ${arg}; usage: npm run bench [-- --only PREFIX]`);
  }
  return { only };
}

interface Selected {
  entry: SuiteEntry;
  names: string[];
}

function select(only: string): Selected[] {
  const out: Selected[] = [];
  for (const entry of suites) {
    const stray = entry.names.find((n) => !n.startsWith(`${entry.id}.`));
    if (stray) throw new Error(`benchmark ${stray} must be named "${entry.id}.…" (suite ${entry.id})`);
    const names = entry.names.filter((n) => n.startsWith(only));
    if (names.length) out.push({ entry, names });
  }
  return out;
}

function checkNames(entry: SuiteEntry, actual: readonly string[]) {
  const declared = [...entry.names].sort().join(', ');
  const found = [...actual].sort().join(', ');
  if (declared !== found)
    throw new Error(`suite ${entry.id} declares [${declared}] in suites/index.ts but implements [${found}]`);
}

function withTimeout<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () => fail(new Error(`${what} took over ${BENCH_TIMEOUT_MS / 60_000} minutes`)),
      BENCH_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function runNodeSuites(selected: readonly Selected[]) {
  for (const { entry, names } of selected) {
    const suite = (
      (await import(pathToFileURL(resolve(import.meta.dirname, 'suites', `${entry.id}.ts`)).href)) as { default: Suite }
    ).default;
    checkNames(entry, Object.keys(suite.benchmarks));
    for (const name of names) {
      log(`${name} (node)…`);
      emit(toResult(name, await withTimeout(name, suite.benchmarks[name]!())));
    }
  }
}

/** Resources to release on the way out, newest first. */
const cleanups: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | undefined;
/** Idempotent: a signal and the failing main flow may both ask, and both must wait for the end. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (error) {
        log(`cleanup failed: ${String(error)}`);
      }
    }
  })();
  return cleaning;
}

/**
 * Runs `use` on a fresh page (and so a fresh heap); suites name their
 * databases uniquely and delete them, since the profile's IndexedDB persists.
 */
async function withPage<T>(context: BrowserContext, url: string, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    page.on('console', (msg) => {
      // RxDB's open-core notice, once per page: known, and noise in a benchmark log.
      if (msg.text().includes('RxDB Open Core RxStorage')) return;
      process.stderr.write(`[page ${msg.type()}] ${msg.text()}\n`);
    });
    page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
    await page.goto(url);
    await page.waitForFunction(() => '__bench' in globalThis);
    return await use(page);
  } finally {
    await page.close();
  }
}

// Page functions are serialised into the page, so each spells out its own access to `__bench`.
const pageNames = (page: Page, id: string) =>
  page.evaluate((suiteId) => (globalThis as unknown as { __bench: BenchPage }).__bench.names(suiteId), id);

const pageRun = (page: Page, id: string, name: string) =>
  page.evaluate(
    ({ suiteId, benchName }) => (globalThis as unknown as { __bench: BenchPage }).__bench.run(suiteId, benchName),
    { suiteId: id, benchName: name },
  );

async function runBrowserSuites(selected: readonly Selected[]) {
  assertChromium(); // before the build, so a missing browser fails fast
  const dir = await mkdtemp(join(tmpdir(), 'assist-ten-bench-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  log('building the bench page…');
  const site = join(dir, 'site');
  await buildBenchPage(
    selected.map((s) => s.entry.id),
    site,
  );
  const server = await serveStatic(site);
  cleanups.push(() => server.close());
  const args: string[] = [];
  for (const { entry, names } of selected) args.push(...((await entry.chromiumArgs?.(dir, names)) ?? []));
  const context = await launchChromium(join(dir, 'profile'), args);
  cleanups.push(() => context.close());
  log(`Chromium ${context.browser()?.version() ?? ''} serving ${server.url}`);

  for (const { entry, names } of selected) {
    checkNames(entry, await withPage(context, server.url, (page) => pageNames(page, entry.id)));
    for (const name of names) {
      log(`${name} (browser)…`);
      emit(
        await withTimeout(
          name,
          withPage(context, server.url, (page) => pageRun(page, entry.id, name)),
        ),
      );
    }
  }
}

async function main() {
  const { only } = parseArgs(process.argv.slice(2));
  const selected = select(only);
  if (!selected.length) {
    throw new UsageError(
      `no benchmark name starts with "${only}"; known: ${suites.flatMap((s) => s.names).join(', ')}`,
    );
  }
  // Browser suites first: the sync suite leaves this process with a large heap to collect and a PostgreSQL cluster
  // being torn down, which on 2 cores slowed the detector's frame times that followed by a third.
  const browser = selected.filter((s) => s.entry.runtime === 'browser');
  if (browser.length) await runBrowserSuites(browser);
  await runNodeSuites(selected.filter((s) => s.entry.runtime === 'node'));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
  await cleanUp();
} catch (error) {
  await cleanUp();
  if (error instanceof UsageError || error instanceof ChromiumMissingError) log(error.message);
  else log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
