import { suites } from 'virtual:bench-suites';
import { toResult } from '../stats';
import type { BenchResult, Suite } from '../types';

/*
 * The bench page: the runner drives it through `globalThis.__bench` with
 * page.evaluate. Suites load lazily, so one suite's imports cannot slow or
 * break another's.
 */

async function load(id: string) {
  const loader = suites[id];
  if (!loader) throw new Error(`suite ${id} is not in this bench build`);
  return (await loader()).default as Suite;
}

export interface BenchPage {
  names(id: string): Promise<string[]>;
  run(id: string, name: string): Promise<BenchResult>;
}

const page: BenchPage = {
  async names(id) {
    return Object.keys((await load(id)).benchmarks);
  },
  async run(id, name) {
    const bench = (await load(id)).benchmarks[name];
    if (!bench) throw new Error(`suite ${id} has no benchmark ${name}`);
    return toResult(name, await bench());
  },
};

(globalThis as { __bench?: BenchPage }).__bench = page;
