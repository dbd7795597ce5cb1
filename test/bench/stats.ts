import type { BenchResult, Measurement } from './types';

/*
 * Timing helpers shared by Node and browser suites (no platform APIs beyond
 * `performance`, which both have).
 */

export function median(values: readonly number[]): number {
  if (!values.length) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RepeatOptions {
  /** Runs thrown away first: JIT, IndexedDB backend start-up, caches. */
  warmups: number;
  runs: number;
}

export const DEFAULT_REPEAT: RepeatOptions = { warmups: 1, runs: 5 };

/**
 * Runs `once` warm-ups + runs times and returns the median of the measured
 * runs. `once` gets the run index (warm-ups included) so it can use fresh
 * data or a fresh database each time, and returns the milliseconds it timed
 * itself, so set-up and tear-down stay outside the figure.
 */
export async function medianOf(
  once: (run: number) => Promise<number>,
  options: RepeatOptions = DEFAULT_REPEAT,
): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < options.warmups + options.runs; run += 1) {
    const ms = await once(run);
    if (run >= options.warmups) times.push(ms);
  }
  return median(times);
}

/** Times one async call. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** The printed line: rounded figures, the ratio when there is a baseline, the peer's figure and ours / peer. */
export function toResult(name: string, m: Measurement): BenchResult {
  const out: BenchResult = { name, value: round(m.value, 3), unit: m.unit };
  if (m.p95 !== undefined) out.p95 = round(m.p95, 3);
  if (m.baseline !== undefined) {
    out.baseline = round(m.baseline, 3);
    // How many times slower than the baseline (types.ts): rates divide one way, the rest the other.
    const ratio = m.unit === 'docs/s' ? m.baseline / m.value : m.value / m.baseline;
    if (Number.isFinite(ratio)) out.ratio = round(ratio, 3);
  }
  if (m.peer !== undefined) {
    out.peer = round(m.peer, 3);
    if (m.peer !== 0) out.peer_ratio = round(m.value / m.peer, 3);
  }
  return out;
}

export interface PairedTimes {
  subject: number;
  baseline: number;
}

/**
 * Like medianOf, for a figure and its baseline measured side by side in each
 * run, so that drift (thermal, GC, disk) hits both alike. Medians are taken
 * per side.
 */
export async function pairedMedians(
  label: string,
  once: (run: number) => Promise<PairedTimes>,
  options: RepeatOptions = DEFAULT_REPEAT,
): Promise<PairedTimes> {
  const subject: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < options.warmups + options.runs; run += 1) {
    const times = await once(run);
    // Per-run figures on stderr (the page's console is forwarded there), to judge the spread.
    console.log(
      `${label} run ${run}${run < options.warmups ? ' (warm-up)' : ''}: ${times.subject.toFixed(1)} ms, baseline ${times.baseline.toFixed(1)} ms`,
    );
    if (run < options.warmups) continue;
    subject.push(times.subject);
    baseline.push(times.baseline);
  }
  return { subject: median(subject), baseline: median(baseline) };
}
