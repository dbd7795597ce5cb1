/*
 * The contract between suites and the runner. A benchmark yields one figure;
 * `baseline` is set only when the figure is compared with a reference measured
 * in the same run, and the runner then adds `ratio`: how many times slower
 * the subject is than its baseline, whatever the unit. For a rate ('docs/s')
 * that is baseline / value; for the others value / baseline. No ratio is
 * printed when it would divide by zero (e.g. no long task in the baseline).
 */

/**
 * Times (lower is better), rates (higher is better), shares of a resource,
 * 0..1 (lower is better), or counts of bad things (lower is better).
 */
export type Unit = 'ms' | 'docs/s' | 'fraction' | 'count';

export interface Measurement {
  value: number;
  unit: Unit;
  baseline?: number;
  /** 95th percentile, for figures that are a median over many samples. */
  p95?: number;
  /**
   * The same figure for another product doing the same work in the same run
   * (e.g. PouchDB for the initial pull); the runner then adds `peer_ratio`.
   */
  peer?: number;
}

/** One line of `npm run bench` output. */
export interface BenchResult extends Measurement {
  name: string;
  ratio?: number;
  /** value / peer: for a rate, how many times faster than the peer we are. */
  peer_ratio?: number;
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
  /**
   * Browser suites only: extra Chromium flags the selected benchmarks need,
   * prepared in Node before launch in the run's temp dir (e.g. a fake webcam
   * clip). One browser serves every suite, so flags must not disturb others.
   */
  chromiumArgs?: (workDir: string, selected: readonly string[]) => Promise<string[]>;
}
