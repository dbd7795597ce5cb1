/// <reference lib="dom" />
import { Dexie } from 'dexie';
import { openDatabase } from '../../../src-renderer/db/database';
import { Repository } from '../../../src-renderer/db/repository';
import { dexieStorage } from '../../../src-renderer/db/storage';
import { openCamera } from '../../../src-renderer/proctoring/camera';
import { startSessionProctor, type SessionProctor } from '../../../src-renderer/proctoring/session-proctor';
import { SnapshotStore } from '../../../src-renderer/proctoring/snapshots/store';
import { answerDocs } from '../fixtures/db-docs';
import type { Measurement } from '../types';
import { startExamUi } from './exam-ui';
import { watchFrameGaps, watchLongTasks, type FrameGaps, type LongTask } from './long-tasks';

/*
 * proctor.main_thread_long_tasks: main-thread long tasks during a proctored
 * exam, against the same exam without proctoring, in one page (method in
 * ../suites/proctor.ts).
 */

const WARM_UP_MS = 3_000;
const WINDOW_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Proctoring {
  proctor: SessionProctor;
  /** Ends proctoring as the exam does and says what it recorded. */
  stop(): Promise<{ events: string[]; snapshots: number; errors: string[] }>;
}

/** What the exam does when a proctored test starts (src-renderer/exam/integrations.ts), on its own snapshot store. */
async function startProctoring(
  db: Parameters<typeof startSessionProctor>[0]['db'],
  sessionId: string,
  windowStart: number,
) {
  const name = `bench_snapshots_${crypto.randomUUID()}`;
  const store = new SnapshotStore({ name });
  // When snapshots land, to line them up with long tasks and late frames in the log.
  const saved: string[] = [];
  store.onSaved(() => saved.push(`+${((performance.now() - windowStart) / 1000).toFixed(2)} s`));
  const stream = await openCamera();
  const errors: string[] = [];
  const proctor = startSessionProctor({ db, sessionId, stream, store, onError: (e) => errors.push(String(e)) });
  const proctoring: Proctoring = {
    proctor,
    async stop() {
      await proctor.stop();
      stream.getTracks().forEach((t) => t.stop());
      const events = (await new Repository(db, 'proctoring_event').find())
        .filter((e) => e.test_session_id === sessionId)
        .map((e) => `${e.event_type} ${e.duration_seconds}s${e.snapshot_url ? ' +snapshot' : ''}`);
      const snapshots = await store.db.snapshots.count();
      console.log(`main_thread_long_tasks: snapshots stored at ${saved.join(', ')}`);
      store.close();
      await Dexie.delete(name);
      return { events, snapshots, errors };
    },
  };
  return proctoring;
}

function report(label: string, tasks: readonly LongTask[], gaps: FrameGaps, windowMs: number) {
  const total = tasks.reduce((sum, t) => sum + t.duration, 0);
  console.log(
    `main_thread_long_tasks ${label}: ${tasks.length} long tasks in ${(windowMs / 1000).toFixed(1)} s` +
      (tasks.length ? ` (${total.toFixed(0)} ms in all)` : '') +
      `; ${gaps.frames} frames, longest gap ${gaps.longest.toFixed(0)} ms, ${gaps.over50.length} over 50 ms` +
      gaps.over50.map((g) => ` (+${(g.at / 1000).toFixed(2)} s ${g.gap.toFixed(0)} ms)`).join(''),
  );
  for (const task of tasks) {
    const scripts = task.scripts.length ? task.scripts.join('; ') : 'no script (GC, style, layout or the browser)';
    const layout = task.styleAndLayout >= 1 ? `; style+layout ${task.styleAndLayout.toFixed(0)} ms` : '';
    console.log(`  +${(task.at / 1000).toFixed(2)} s ${task.duration.toFixed(0)} ms: ${scripts}${layout}`);
  }
}

/** Runs `during` (if any) inside a window of WINDOW_MS or more, watching long tasks and frame gaps. */
async function examWindow<T>(
  label: string,
  during: (started: number) => Promise<T>,
): Promise<{ tasks: LongTask[]; result: T }> {
  const tasks = watchLongTasks();
  const gaps = watchFrameGaps();
  const started = performance.now();
  const result = await during(started);
  await sleep(WINDOW_MS - (performance.now() - started));
  const seen = tasks.stop();
  report(label, seen, gaps.stop(), performance.now() - started);
  return { tasks: seen, result };
}

/** A deliberate 80 ms task must be seen, or a zero would mean a blind observer rather than a smooth exam. */
async function checkObserver() {
  const tasks = watchLongTasks();
  await sleep(0);
  const until = performance.now() + 80;
  while (performance.now() < until);
  await sleep(100);
  if (!tasks.stop().some((t) => t.duration >= 80)) throw new Error('the longtask observer missed an 80 ms task');
}

export async function mainThreadLongTasks(): Promise<Measurement> {
  const answers = answerDocs(1, 40);
  const sessionId = answers[0]!.session_id;
  const dbName = `bench_exam_${crypto.randomUUID()}`;
  const db = await openDatabase({
    name: dbName,
    storage: dexieStorage(),
    collections: ['answers', 'proctoring_events'],
  });
  const container = document.body.appendChild(document.createElement('div'));
  const errors: string[] = [];
  let proctoring: Proctoring | undefined;
  const ui = startExamUi(container, {
    db,
    answers,
    onQuestion: (id) => proctoring?.proctor.setQuestion(id),
    onError: (e) => errors.push(String(e)),
  });
  try {
    await checkObserver();
    await sleep(WARM_UP_MS);
    const baseline = await examWindow('without proctoring', () => sleep(WINDOW_MS));
    const proctored = await examWindow('with proctoring', async (started) => {
      const opening = performance.now();
      proctoring = await startProctoring(db, sessionId, started);
      console.log(`main_thread_long_tasks: proctoring started in ${(performance.now() - opening).toFixed(0)} ms`);
      await sleep(WINDOW_MS - (performance.now() - opening));
      const recorded = await proctoring.stop();
      proctoring = undefined;
      return recorded;
    });
    const { events, snapshots } = proctored.result;
    console.log(`main_thread_long_tasks: recorded ${events.join(', ') || 'no event'}; ${snapshots} snapshots`);
    const problems = [...errors, ...proctored.result.errors];
    if (problems.length) throw new Error(`the proctored exam failed: ${problems.join('; ')}`);
    // Without snapshots the window never encoded, encrypted or stored one: it would not measure what it claims.
    if (snapshots < 2) throw new Error(`only ${snapshots} snapshots stored; is the fake webcam on?`);
    return { value: proctored.tasks.length, unit: 'count', baseline: baseline.tasks.length };
  } finally {
    ui.stop();
    container.remove();
    await proctoring?.stop().catch(() => undefined);
    await db.remove();
  }
}
