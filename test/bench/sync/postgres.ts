import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { onExit } from './exit';
import { freePort } from './free-port';

/*
 * A throwaway PostgreSQL 15 cluster for the sync suite, the way
 * test/server/with-postgres.sh makes one, from Node: initdb and pg_ctl from
 * /usr/lib/postgresql/15/bin (PG_BIN overrides), as the postgres account via
 * runuser when running as root (initdb refuses root), in a temporary
 * directory, listening on 127.0.0.1 only at a free port, socket in the temp
 * directory.
 *
 * Durability is OFF by default (fsync=off, full_page_writes=off): a commit
 * then costs a write() to the OS, not a flush to the disk, so the figures
 * measure the server and PostgreSQL, not this machine's disk. On a real
 * disk every push commits once and pays one WAL flush (≈0.1–2 ms on SSDs,
 * more on network volumes); a commit-per-request workload like the kiosks
 * is the one that would feel it. ASSIST_TEN_BENCH_PG_FSYNC=on runs with
 * PostgreSQL's durable defaults instead. ASSIST_TEN_BENCH_PG_STATEMENTS=1
 * loads pg_stat_statements, for `statementReport()` (where PostgreSQL's time
 * goes, lock waits included).
 *
 * `stop()` stops the cluster and deletes the directory. If the process
 * exits or is interrupted first (SIGINT, SIGTERM, or exit with the cluster
 * still up), a synchronous `pg_ctl stop -m immediate` and `rm -rf` run from
 * the exit hooks (exit.ts), so nothing outlives the bench.
 */

const run = promisify(execFile);

export interface PgCluster {
  /** Connection string for `database` (created by startPostgres). */
  url: string;
  port: number;
  /** Where the server's log is, for diagnostics. */
  logFile: string;
  durable: boolean;
  /** pg_stat_statements is loaded (ASSIST_TEN_BENCH_PG_STATEMENTS=1). */
  statements: boolean;
  stop(): Promise<void>;
}

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const isRoot = process.getuid?.() === 0;

/** [command, args] that run `bin` as the cluster's owner. */
function asOwner(bin: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
}

export function postgresAvailable(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

export async function startPostgres(database = 'assist_ten_bench'): Promise<PgCluster> {
  if (!postgresAvailable()) {
    throw new Error(
      `PostgreSQL 15 binaries not found in ${PG_BIN} (set PG_BIN): the sync suite needs initdb and pg_ctl`,
    );
  }
  const durable = process.env.ASSIST_TEN_BENCH_PG_FSYNC === 'on';
  const statements = process.env.ASSIST_TEN_BENCH_PG_STATEMENTS === '1';
  const work = mkdtempSync(join(tmpdir(), 'assist-ten-bench-pg-'));
  const data = join(work, 'data');
  const logFile = join(work, 'postgres.log');
  let started = false;

  // Runs synchronously, so it also works from 'exit' and signal handlers.
  const stopNow = () => {
    if (started) {
      const [cmd, args] = asOwner('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      spawnSync(cmd, args, { stdio: 'ignore', timeout: 20_000 });
      started = false;
    }
    rmSync(work, { recursive: true, force: true });
  };
  const unhook = onExit(stopNow);

  try {
    if (isRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(work, uid, gid);
    }
    const port = await freePort();
    await run(...asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']));
    const settings = [
      `-p ${port}`,
      `-k ${work}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=300',
      '-c shared_buffers=256MB',
      ...(durable ? [] : ['-c fsync=off', '-c full_page_writes=off']),
      ...(statements ? ['-c shared_preload_libraries=pg_stat_statements', '-c pg_stat_statements.track=all'] : []),
    ];
    started = true; // from here on a half-started cluster is stopped too
    await run(...asOwner('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', settings.join(' '), 'start']));
    await run(...asOwner('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]));
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${database}`,
      port,
      logFile,
      durable,
      statements,
      async stop() {
        try {
          if (started) {
            await run(...asOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'])).catch(
              () => undefined,
            );
            started = false;
          }
        } finally {
          stopNow();
          unhook();
        }
      },
    };
  } catch (error) {
    stopNow();
    unhook();
    throw error;
  }
}
