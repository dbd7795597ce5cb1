import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { WireDoc } from '@shared/sync/wire';
import { onExit } from './exit';
import { freePort } from './free-port';

/*
 * The peer of sync.initial_pull_50k: the stack a user would otherwise pick,
 * PouchDB replicating from pouchdb-server. The server side is express-pouchdb
 * (pouchdb-server's HTTP layer) over an in-memory PouchDB, in its own Node
 * process (pouch-server.ts), as our sync server is; the client is
 * pouchdb-node with pouchdb-adapter-memory in the bench process, as our
 * client is on RxDB's memory storage. Only 127.0.0.1 is contacted.
 *
 * A run: a fresh memory PouchDB in this process, PouchDB.replicate() from the
 * server's database, timed from the call until it completes, then the local
 * document count is checked. batch_size is our client's pull batch (PouchDB's
 * default is 100; 2,000 was the faster of the two here), batches_limit
 * PouchDB's default (10).
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const DB_NAME = 'answers';
const SEED_BATCH = 5_000;
const require = createRequire(import.meta.url);

interface PouchDatabase {
  bulkDocs(docs: readonly Record<string, unknown>[]): Promise<{ error?: unknown }[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}
interface PouchStatic {
  new (name: string, options?: Record<string, unknown>): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  replicate(
    source: PouchDatabase,
    target: PouchDatabase,
    options: Record<string, unknown>,
  ): Promise<{ ok: boolean; docs_written: number }>;
}

let pouch: PouchStatic | undefined;
/** Loaded on first use, so that the rest of the suite never needs PouchDB. */
const PouchDB = () => (pouch ??= (require('pouchdb-node') as PouchStatic).plugin(require('pouchdb-adapter-memory')));

/** The same document as PouchDB stores it: the wire form, with its primary key as `_id`. */
function toPouchDoc(doc: WireDoc): Record<string, unknown> {
  const { pk, _deleted: _, ...fields } = doc;
  return { _id: pk, ...fields };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PouchPeer {
  url: string;
  /** Writes the documents into the server's database (set-up, not timed). */
  seed(docs: readonly WireDoc[]): Promise<void>;
  /** One initial replication into a fresh local database; returns its milliseconds. */
  pullRun(expected: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startPouchPeer(options: { batchSize: number }): Promise<PouchPeer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/sync/pouch-server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (err = (err + chunk).slice(-8000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const unhook = onExit(killNow);
  const stop = async () => {
    try {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(10_000)]);
      }
    } finally {
      killNow();
      unhook();
    }
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pouchdb peer exited with ${child.exitCode}: ${err}`);
      const up = await fetch(`${url}/`).then(
        (res) => res.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`pouchdb peer did not answer within 60 s: ${err}`);
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const Pouch = PouchDB();
  const remote = () => new Pouch(`${url}/${DB_NAME}`);
  let runs = 0;
  return {
    url,
    async seed(docs) {
      const db = remote();
      try {
        for (let i = 0; i < docs.length; i += SEED_BATCH) {
          const results = await db.bulkDocs(docs.slice(i, i + SEED_BATCH).map(toPouchDoc));
          const failed = results.filter((r) => r.error).length;
          if (failed) throw new Error(`pouchdb peer refused ${failed} seed documents: ${JSON.stringify(results[0])}`);
        }
        const { doc_count } = await db.info();
        if (doc_count !== docs.length)
          throw new Error(`pouchdb peer holds ${doc_count} documents, expected ${docs.length}`);
      } finally {
        await db.close();
      }
    },
    async pullRun(expected) {
      const source = remote();
      const target = new Pouch(`bench_pouch_${process.pid}_${(runs += 1)}`, { adapter: 'memory' });
      try {
        const start = performance.now();
        const result = await Pouch.replicate(source, target, { batch_size: options.batchSize, batches_limit: 10 });
        const ms = performance.now() - start;
        const { doc_count } = await target.info();
        if (!result.ok || doc_count !== expected)
          throw new Error(`PouchDB holds ${doc_count} documents after replication, expected ${expected}`);
        return ms;
      } finally {
        await target.destroy();
        await source.close();
      }
    },
    stop,
  };
}
