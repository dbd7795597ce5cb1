import type { BenchResult } from '../bench/types';
import type { FaultCounts } from './faults';
import type { Profile } from './profiles';
import type { ResumeFailure, SessionRecord, StationStats } from './station/records';
import type { Verdict } from './verify';

/*
 * The soak's figures (one JSON line each, like the bench) and its targets.
 * The six come first; the rest say what the run exercised, so that
 * a pass with, say, no interrupted session would show as such.
 */

export interface Outcome {
  profile: Profile;
  faults: FaultCounts;
  verdict: Verdict;
  records: readonly SessionRecord[];
  resumeFailures: readonly ResumeFailure[];
  /** Summed over the stations. */
  stats: StationStats;
  /** Stations whose sync the server had signed out at the end (their status bar says so). */
  syncSignedOut: number;
  durationMs: number;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export function figures(o: Outcome): BenchResult[] {
  const { faults, verdict, stats } = o;
  const count = (name: string, value: number): BenchResult => ({ name: `soak.${name}`, value, unit: 'count' });
  const ms = (name: string, value: number): BenchResult => ({ name: `soak.${name}`, value, unit: 'ms' });
  return [
    count('browser_kills', faults.browserKills),
    count('server_restarts', faults.serverRestarts),
    count('answers_confirmed', verdict.answersConfirmed),
    count('answers_lost', verdict.answersLost),
    count('duplicates', verdict.duplicates),
    count('resume_failures', o.resumeFailures.length),
    count('server_restarts_sigkill', faults.restartsBySignal.SIGKILL),
    count('server_restarts_sigterm', faults.restartsBySignal.SIGTERM),
    count('sigterm_timeouts', faults.sigtermEscalations),
    count('sigterm_unclean_exits', faults.sigtermUnclean),
    count('network_cuts', faults.cuts.refuse + faults.cuts.blackhole + faults.cuts.offline),
    count('sessions_started', o.records.length),
    count('sessions_interrupted', o.records.filter((r) => r.interruptions > 0).length),
    count('sessions_resumed', o.records.filter((r) => r.resumes > 0).length),
    count('sessions_interrupted_at_submit', stats.interruptedAtSubmit),
    count('sessions_unsubmitted', verdict.sessionsUnsubmitted),
    count('sessions_scored', verdict.sessionsScored),
    count('score_mismatches', verdict.scoreMismatches),
    count('resume_answer_mismatches', stats.resumeAnswerMismatches),
    count('station_signouts', stats.signedOut),
    count('station_sync_signouts', o.syncSignedOut),
    count('codes_refused', stats.codesRefused),
    count('driver_errors', stats.driverErrors),
    ms('server_start_p50', median(faults.serverStartMs)),
    ms('duration', o.durationMs),
  ];
}

/** Every missed target, in words; empty when the run passed. */
export function missedTargets(o: Outcome): string[] {
  const { faults, verdict, profile, stats } = o;
  const missed: (string | false)[] = [
    verdict.answersLost > 0 && `${verdict.answersLost} confirmed answers lost`,
    verdict.duplicates > 0 && `${verdict.duplicates} duplicates`,
    o.resumeFailures.length > 0 && `${o.resumeFailures.length} resume failures`,
    // A resumed test that shows a saved answer as unanswered did not really resume.
    stats.resumeAnswerMismatches > 0 && `${stats.resumeAnswerMismatches} saved answers missing after a resume`,
    verdict.scoreMismatches > 0 && `${verdict.scoreMismatches} scores differ from their recomputation`,
    verdict.sessionsUnsubmitted > 0 && `${verdict.sessionsUnsubmitted} sessions never reached the server submitted`,
    faults.browserKills < profile.minKills && `only ${faults.browserKills} browser kills (< ${profile.minKills})`,
    faults.serverRestarts < profile.minRestarts &&
      `only ${faults.serverRestarts} server restarts (< ${profile.minRestarts})`,
    (faults.restartsBySignal.SIGKILL === 0 || faults.restartsBySignal.SIGTERM === 0) &&
      'the server was not restarted with both SIGKILL and SIGTERM',
    verdict.answersConfirmed === 0 && 'no answer was confirmed at all',
  ];
  return missed.filter((m): m is string => typeof m === 'string');
}

/** Station counters summed over the stations. */
export function sumStats(all: readonly StationStats[]): StationStats {
  const total = { ...all[0]! };
  for (const stats of all.slice(1))
    for (const key of Object.keys(total) as (keyof StationStats)[]) total[key] += stats[key];
  return total;
}
