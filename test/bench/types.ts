/*
 * The contract between suites and the runner. A benchmark yields one figure;
 * `baseline` is set only when the figure is compared with a reference measured
 * in the same run, and the runner then adds `ratio`: how many times slower
 * the subject is than its baseline, whatever the unit. For a time ('ms')
 * that is value / baseline; for a rate ('docs/s') it is baseline / value.
 */

/** Times (lower is better), rates (higher is better) or shares of a resource, 0..1 (lower is better). */
export type Unit = 'ms' | 'docs/s' | 'fraction';

export interface Measurement {
  value: number;
  unit: Unit;
  baseline?: number;
  /** 95th percentile, for figures that are a median over many samples. */
  p95?: number;
}

/** One line of `npm run bench` output. */
export interface BenchResult extends Measurement {
  name: string;
  ratio?: number;
}

/** A suite module's default export: its benchmarks, by full name. */
export interface Suite {
  benchmarks: Readonly<Record<string, () => Promise<Measurement>>>;
}

/** Where a suite's code runs: in the runner's Node process, or in the bench page in Chromium. */
export type Runtime = 'node' | 'browser';

/**
 * A registry entry. Names are declared here, not read from the module, so
 * that `--only` can skip a suite (and Chromium) without loading its code,
 * which may only be loadable in its own runtime.
 */
export interface SuiteEntry {
  id: string;
  runtime: Runtime;
  names: readonly string[];
}
