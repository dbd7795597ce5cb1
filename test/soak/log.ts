import type { BenchResult } from '../bench/types';

/*
 * The soak's two outputs, as `npm run bench` has them: stdout carries only
 * figures, one JSON object per line ({"name","value","unit"}), so that it can
 * be piped and compared; progress and diagnostics go to stderr, stamped with
 * the seconds since the start.
 */

const started = Date.now();

export const elapsedMs = () => Date.now() - started;

export function log(message: string): void {
  process.stderr.write(`[soak ${(elapsedMs() / 1000).toFixed(1).padStart(6)} s] ${message}\n`);
}

export function emit(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
