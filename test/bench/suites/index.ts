import type { SuiteEntry } from '../types';

/*
 * Every benchmark suite. A suite's code is `./<id>.ts`, whose default export
 * is a `Suite`; `runtime` says where it runs:
 * - 'node': imported and run by the runner itself;
 * - 'browser': bundled by Vite into the bench page and run in headless
 *   Chromium (real IndexedDB, real workers, real media devices).
 * Names must start with `<id>.` and match the module's `benchmarks` keys (the
 * runner checks), so `--only` can select without loading suite code.
 * `chromiumArgs` (browser suites) adds launch flags, e.g. a fake webcam.
 */
export const suites: readonly SuiteEntry[] = [
  { id: 'db', runtime: 'browser', names: ['db.bulk_insert_answers_10k', 'db.indexed_query_events_10k'] },
  {
    id: 'proctor',
    runtime: 'browser',
    names: [
      'proctor.frame_ms_640x480_single',
      'proctor.frame_ms_640x480_full',
      'proctor.frame_ms_1280x720_full',
      'proctor.cpu_share',
      'proctor.main_thread_long_tasks',
    ],
    // The long-task benchmark watches a proctored exam through a fake webcam clip (../proctor/webcam.ts).
    chromiumArgs: async (dir, selected) =>
      selected.includes('proctor.main_thread_long_tasks')
        ? (await import('../proctor/webcam')).proctorWebcamArgs(dir)
        : [],
  },
  // A keystroke in the search dialog to its results drawn, on a recruiter's device of 12,000 documents.
  { id: 'ui', runtime: 'browser', names: ['ui.search_ms'] },
  { id: 'auth', runtime: 'node', names: ['auth.request_check_ms'] },
  {
    id: 'sync',
    runtime: 'node',
    names: [
      'sync.initial_pull_50k',
      'sync.push_throughput',
      'sync.push_latency_p50_200_kiosks',
      'sync.push_latency_p99_200_kiosks',
      'sync.scope_change_p50',
      'sync.scope_change_p99',
    ],
  },
];
