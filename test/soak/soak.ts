import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postgresAvailable } from '../bench/sync/postgres';
import { CHROMIUM_PATH } from '../chromium';
import { runFaults } from './faults';
import { elapsedMs, emit, log } from './log';
import { parseArgs, UsageError, type Profile } from './profiles';
import { figures, missedTargets, sumStats, type Outcome } from './report';
import { rescore } from './rescore';
import { ARTIFACTS_DIR, startRig, type Rig } from './rig';
import { createRng } from './rng';
import type { Station } from './station/station';
import { settled, verify, type Verdict } from './verify';

/*
 * `npm run soak` (about 15 minutes) and `npm run soak:short` (under 3):
 * real exam stations in Chromium against the real sync server on a
 * throwaway PostgreSQL 15 (rig.ts), while the soak kills station browsers
 * (SIGKILL), restarts the server (SIGKILL and SIGTERM) and cuts the network,
 * at moments drawn from a seeded generator (faults.ts). Afterwards it checks
 * the server against what the stations' pages confirmed (verify.ts) and
 * prints one JSON figure per line on stdout, like `npm run bench`; progress
 * goes to stderr. It exits 1 if a target is missed (report.ts), 2 on a usage
 * error or when the run exceeds its time bound. See test/soak/README.md.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** No new candidates; wait for the tests on screen (or to resume) to be submitted. */
async function drain(stations: readonly Station[], ms: number): Promise<void> {
  for (const station of stations) station.drain();
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !stations.every((s) => s.idle())) await sleep(250);
  if (!stations.every((s) => s.idle())) log('some station did not finish its test in time');
}

/** The verdict once the server holds everything the stations confirmed, or when the wait is over. */
async function awaitServer(rig: Rig, ms: number): Promise<Verdict> {
  const records = rig.stations.flatMap((s) => [...s.sessions.values()]);
  const resumeFailures = rig.stations.flatMap((s) => s.ledger.resumeFailures);
  const began = Date.now();
  for (;;) {
    const verdict = verify(await rescore(rig.sql, rig.exam.assessmentId), records, resumeFailures);
    if (settled(verdict) || Date.now() - began > ms) {
      log(`server checked ${((Date.now() - began) / 1000).toFixed(1)} s after the stations finished`);
      return verdict;
    }
    await sleep(1_000);
  }
}

/** What each station's status bar says about its sync once the soak is over. */
async function syncStatuses(rig: Rig): Promise<string[]> {
  const statuses = await Promise.all(rig.stations.map((s) => s.syncStatus()));
  statuses.forEach((status, i) => log(`station ${i + 1} sync status: ${status}`));
  return statuses;
}

/** The stations' last sync requests and the server's warnings: what a failed run needs to be read. */
function writeEvidence(rig: Rig): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const station of rig.stations) {
    const file = join(ARTIFACTS_DIR, `station${station.index}-network.log`);
    writeFileSync(file, station.networkLog().join('\n'));
    log(`station ${station.index}: last sync requests in ${file}; the last ones:`);
    for (const line of station.networkLog().slice(-4)) log(`  ${line}`);
  }
  const lines = rig.server.notableLogs();
  const file = join(ARTIFACTS_DIR, 'server-warnings.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  log(`${lines.length} server warnings and errors in ${file}; the last ones:`);
  for (const line of lines.slice(-5)) log(`  ${JSON.stringify(line).slice(0, 400)}`);
}

function logDetails(outcome: Outcome, stations: readonly Station[]): void {
  const { cuts } = outcome.faults;
  log(
    `cuts: ${cuts.refuse} refused, ${cuts.blackhole} black-holed, ${cuts.offline} offline; station launches ${outcome.stats.launches}, page errors ${outcome.stats.pageErrors}`,
  );
  for (const [station, { lost, unsubmitted }] of outcome.verdict.byStation)
    log(`station ${station}: ${lost} confirmed answers lost, ${unsubmitted} sessions not submitted on the server`);
  for (const problem of outcome.verdict.problems) log(problem);
  for (const f of outcome.resumeFailures)
    log(`resume failure: station ${f.station} ${f.sessionId ?? ''} ${f.code}: ${f.reason}`);
  for (const station of stations) for (const e of station.errors.slice(0, 5)) log(`station ${station.index}: ${e}`);
}

async function soak(profile: Profile, seed: number): Promise<number> {
  const rng = createRng(seed);
  const rig = await startRig(profile, rng, log);
  try {
    for (const station of rig.stations) station.start();
    const began = Date.now();
    const faults = await runFaults(profile, rng.fork('chaos'), { ...rig, log });
    log(`faults over after ${((Date.now() - began) / 1000).toFixed(0)} s; stations finish their tests`);
    await drain(rig.stations, profile.drainMs);
    const verdict = await awaitServer(rig, profile.syncMs);
    const statuses = await syncStatuses(rig);
    if (!settled(verdict)) writeEvidence(rig);
    const outcome: Outcome = {
      profile,
      faults,
      verdict,
      records: rig.stations.flatMap((s) => [...s.sessions.values()]),
      resumeFailures: rig.stations.flatMap((s) => s.ledger.resumeFailures),
      stats: sumStats(rig.stations.map((s) => s.stats)),
      syncSignedOut: statuses.filter((s) => /signed out by the server/i.test(s)).length,
      durationMs: elapsedMs(),
    };
    for (const figure of figures(outcome)) emit(figure);
    logDetails(outcome, rig.stations);
    const missed = missedTargets(outcome);
    if (missed.length) {
      log(`FAILED: ${missed.join('; ')} (seed ${seed})`);
      return 1;
    }
    log(`passed in ${(elapsedMs() / 1000).toFixed(0)} s`);
    return 0;
  } finally {
    await rig.dispose();
  }
}

async function main(): Promise<number> {
  const { profile, seed } = parseArgs(process.argv.slice(2));
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`);
  if (!postgresAvailable()) throw new Error('PostgreSQL 15 binaries not found (apt-get install postgresql-15)');
  log(`${profile.name} soak, seed ${seed}, ${profile.stations} stations (reproduce: --seed ${seed})`);
  const bound = setTimeout(() => {
    // The exit hooks (test/bench/sync/exit.ts) stop PostgreSQL, the server and the browsers on the way out.
    log(`the run exceeded its bound of ${profile.boundMs / 60_000} minutes: aborting`);
    process.exit(2);
  }, profile.boundMs);
  bound.unref();
  try {
    return await soak(profile, seed);
  } finally {
    clearTimeout(bound);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    log(`${signal}: stopping`);
    process.exit(130);
  });

process.on('unhandledRejection', (reason) => {
  // A browser killed mid-call can leave a Playwright promise nobody awaits any more.
  log(`unhandled rejection (ignored): ${String(reason).split('\n')[0]}`);
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    log(`soak error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
