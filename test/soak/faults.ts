import type { Profile } from './profiles';
import type { CutKind, Proxy } from './proxy';
import { slottedMoments, type Rng } from './rng';
import type { SoakServer } from './server';
import type { Station } from './station/station';

/*
 * The fault phase: three schedules drawn from the seed and run side by
 * side, each fault at its moment whatever the stations are doing:
 *
 * - browser kills: SIGKILL to a random station's Chromium;
 * - server restarts: SIGKILL or SIGTERM (both kinds in every run), a short
 *   outage, start again on the same port, data and key;
 * - network cuts: the proxy refuses connections or black-holes them, or one
 *   station's Chromium goes offline, for 1–8 s.
 *
 * Faults start once the stations are busy and stop a little before the end,
 * so that the last restart has finished when the phase is over.
 */

export interface FaultCounts {
  browserKills: number;
  serverRestarts: number;
  restartsBySignal: { SIGKILL: number; SIGTERM: number };
  /** SIGTERM did not end the server within the grace period, so it was killed. */
  sigtermEscalations: number;
  /** SIGTERM ended the server, but not with exit 0 (its graceful shutdown promises 0). */
  sigtermUnclean: number;
  serverStartMs: number[];
  cuts: Record<CutKind | 'offline', number>;
}

export interface FaultTargets {
  stations: readonly Station[];
  server: SoakServer;
  proxy: Proxy;
  log: (message: string) => void;
}

type Signal = 'SIGKILL' | 'SIGTERM';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `act` at each of `moments` (ms after `t0`), one after the other, until done or `stop` is set. */
async function schedule(
  t0: number,
  moments: readonly number[],
  stop: { now: boolean },
  act: (i: number) => Promise<void>,
) {
  for (let i = 0; i < moments.length; i++) {
    const wait = t0 + moments[i]! - Date.now();
    if (wait > 0) await sleep(wait);
    if (stop.now) return;
    await act(i);
  }
}

function restartSignals(rng: Rng, count: number): Signal[] {
  const signals = Array.from({ length: count }, (): Signal => (rng.chance(0.5) ? 'SIGKILL' : 'SIGTERM'));
  // Both kinds, whatever the draw.
  if (signals.length >= 2 && signals.every((s) => s === signals[0]))
    signals[signals.length - 1] = signals[0] === 'SIGKILL' ? 'SIGTERM' : 'SIGKILL';
  return signals;
}

async function killOne(rng: Rng, targets: FaultTargets, counts: FaultCounts, stop: { now: boolean }) {
  const station = rng.pick(targets.stations);
  // A station between browsers (starting one) cannot be killed this instant; try again shortly.
  for (let tries = 0; tries < 60 && !stop.now; tries++) {
    if (await station.kill()) {
      counts.browserKills++;
      return;
    }
    await sleep(250);
  }
}

async function restartServer(rng: Rng, signal: Signal, targets: FaultTargets, counts: FaultCounts) {
  const result = await targets.server.stop(signal);
  if (result.escalated) counts.sigtermEscalations++;
  else if (signal === 'SIGTERM' && result.exitCode !== 0) counts.sigtermUnclean++;
  await sleep(rng.int(200, 2_500));
  const startMs = await targets.server.start();
  counts.serverRestarts++;
  counts.restartsBySignal[signal]++;
  counts.serverStartMs.push(startMs);
  const how = `${signal}, exit code ${String(result.exitCode)}${result.escalated ? ', SIGTERM timed out: killed' : ''}`;
  targets.log(
    `server restart ${counts.serverRestarts} (${how}; gone in ${result.exitMs} ms, up again in ${startMs} ms)`,
  );
}

async function cutNetwork(rng: Rng, targets: FaultTargets, counts: FaultCounts) {
  const kind = rng.pick(['refuse', 'blackhole', 'offline'] as const);
  const duration = rng.int(1_000, 8_000);
  if (kind === 'offline') {
    const station = rng.pick(targets.stations);
    await station.setOffline(true);
    await sleep(duration);
    await station.setOffline(false);
  } else {
    await targets.proxy.cut(kind);
    await sleep(duration);
    await targets.proxy.heal();
  }
  counts.cuts[kind]++;
}

export async function runFaults(profile: Profile, rng: Rng, targets: FaultTargets): Promise<FaultCounts> {
  const counts: FaultCounts = {
    browserKills: 0,
    serverRestarts: 0,
    restartsBySignal: { SIGKILL: 0, SIGTERM: 0 },
    sigtermEscalations: 0,
    sigtermUnclean: 0,
    serverStartMs: [],
    cuts: { refuse: 0, blackhole: 0, offline: 0 },
  };
  const [killRng, restartRng, cutRng] = [rng.fork('kills'), rng.fork('restarts'), rng.fork('cuts')];
  const end = profile.chaosMs;
  const killAt = slottedMoments(killRng, profile.kills, 2_000, end);
  const restartAt = slottedMoments(restartRng, profile.restarts, 4_000, end - 3_000);
  const cutAt = slottedMoments(cutRng, profile.cuts, 3_000, end - 3_000);
  const signals = restartSignals(restartRng, profile.restarts);
  const sigkills = signals.filter((s) => s === 'SIGKILL').length;
  targets.log(
    `faults planned: ${profile.kills} browser kills, ${profile.restarts} server restarts (${sigkills} SIGKILL), ${profile.cuts} network cuts over ${(end / 1000).toFixed(0)} s`,
  );

  const t0 = Date.now();
  const stop = { now: false };
  // A fault that overruns the phase (a slow restart) must not hold the rest back for long.
  const timer = setTimeout(() => (stop.now = true), end + 5_000);
  try {
    await Promise.all([
      schedule(t0, killAt, stop, () => killOne(killRng, targets, counts, stop)),
      schedule(t0, restartAt, stop, (i) => restartServer(restartRng, signals[i]!, targets, counts)),
      schedule(t0, cutAt, stop, () => cutNetwork(cutRng, targets, counts)),
    ]);
  } finally {
    clearTimeout(timer);
    stop.now = true;
    await targets.proxy.heal();
    for (const station of targets.stations) await station.setOffline(false);
    if (!targets.server.running()) await targets.server.start();
  }
  return counts;
}
