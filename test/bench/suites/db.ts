import { Dexie } from 'dexie';
import { collectionOf, openDatabase, type AppDatabase } from '../../../src-renderer/db/database';
import { dexieStorage } from '../../../src-renderer/db/storage';
import { answerDocs, proctoringEventDocs } from '../fixtures/db-docs';
import { pairedMedians, timed, type PairedTimes } from '../stats';
import type { Measurement, Suite } from '../types';

/*
 * RxDB (as the app opens it: Dexie storage wrapped with per-entity zod
 * validation, dev-mode off) against raw Dexie on the same documents, in the
 * page's real IndexedDB. Each figure is the median of 5 runs after 1 warm-up;
 * RxDB and Dexie alternate which goes first in a run so neither always gets
 * the warmer disk cache.
 *
 * - bulk_insert_answers_10k: milliseconds for one bulkInsert of 10,000 Answer
 *   docs (200 sessions × 50 questions) into a fresh, already open database;
 *   opening and deleting the database stay outside the timing. Baseline: Dexie
 *   bulkAdd into a table with the same primary key and index (`pk, session_id`).
 *
 * - indexed_query_events_10k: mean milliseconds PER QUERY, over 100 sequential
 *   queries for 100 different sessions (events of one test_session_id with
 *   severity 'high', about 2–3 hits each), on 10,000 events (1,000 sessions ×
 *   10, severities uniform). Each run queries sessions no earlier run touched,
 *   so RxDB's query cache never answers instead of IndexedDB. Baseline: Dexie
 *   `where('[test_session_id+severity]').equals([id, 'high']).toArray()`.
 */

const DEXIE_ANSWERS_SCHEMA = { answers: 'pk, session_id' };
const DEXIE_EVENTS_SCHEMA = { proctoring_events: 'pk, [test_session_id+severity]' };

const ANSWER_SESSIONS = 200;
const QUESTIONS = 50;
const EVENT_SESSIONS = 1_000;
const EVENTS_PER_SESSION = 10;
const QUERIES_PER_RUN = 100;

let dbCounter = 0;
/** IndexedDB names are per origin, so every database gets a new one. */
const freshName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${(dbCounter += 1)}`;

/** Between runs, outside timing: lets the previous run's garbage not land inside the next one. */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

function openRx(name: string, collection: 'answers' | 'proctoring_events'): Promise<AppDatabase> {
  return openDatabase({ name, storage: dexieStorage(), collections: [collection] });
}

async function openDexie(schema: Record<string, string>): Promise<Dexie> {
  const db = new Dexie(freshName('bench_dexie'));
  db.version(1).stores(schema);
  await db.open();
  return db;
}

/** Runs both sides of a paired run, alternating which goes first. */
async function bothSides(
  run: number,
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<PairedTimes> {
  collectGarbage();
  if (run % 2 === 0) {
    const s = await subject();
    collectGarbage();
    return { subject: s, baseline: await baseline() };
  }
  const b = await baseline();
  collectGarbage();
  return { subject: await subject(), baseline: b };
}

async function bulkInsertAnswers(): Promise<Measurement> {
  const docs = answerDocs(ANSWER_SESSIONS, QUESTIONS);

  const rxRun = async () => {
    const db = await openRx(freshName('bench_rx'), 'answers');
    try {
      const answers = collectionOf(db, 'answers');
      let errors = 0;
      const ms = await timed(async () => {
        errors = (await answers.bulkInsert(docs)).error.length;
      });
      if (errors) throw new Error(`RxDB refused ${errors} of the bench answers`);
      return ms;
    } finally {
      await db.remove();
    }
  };

  const dexieRun = async () => {
    const db = await openDexie(DEXIE_ANSWERS_SCHEMA);
    try {
      return await timed(() => db.table('answers').bulkAdd(docs));
    } finally {
      await db.delete();
    }
  };

  const times = await pairedMedians('bulk insert', (run) => bothSides(run, rxRun, dexieRun));
  return { value: times.subject, unit: 'ms', baseline: times.baseline };
}

async function indexedQueryEvents(): Promise<Measurement> {
  const { docs, sessionIds } = proctoringEventDocs(EVENT_SESSIONS, EVENTS_PER_SESSION);
  const rx = await openRx(freshName('bench_rx'), 'proctoring_events');
  const dexie = await openDexie(DEXIE_EVENTS_SCHEMA);
  try {
    const events = collectionOf(rx, 'proctoring_events');
    const inserted = await events.bulkInsert(docs);
    if (inserted.error.length) throw new Error(`RxDB refused ${inserted.error.length} of the bench events`);
    await dexie.table('proctoring_events').bulkAdd(docs);

    const rxQuery = (sessionId: string) =>
      events.find({ selector: { kind: 'proctoring_event', test_session_id: sessionId, severity: 'high' } });
    // A full scan would make the figure meaningless: check the planner's choice once.
    const plan = rxQuery(sessionIds[0]!).getPreparedQuery().queryPlan;
    if (!plan.index.includes('test_session_id') || !plan.index.includes('severity')) {
      throw new Error(`RxDB did not plan the [test_session_id, severity] index: ${JSON.stringify(plan.index)}`);
    }

    let rxHits = 0;
    let dexieHits = 0;
    const times = await pairedMedians(`${QUERIES_PER_RUN} queries`, (run) => {
      const batch = sessionIds.slice(run * QUERIES_PER_RUN, (run + 1) * QUERIES_PER_RUN);
      if (batch.length < QUERIES_PER_RUN) throw new Error('not enough distinct sessions for the runs asked');
      return bothSides(
        run,
        () =>
          timed(async () => {
            for (const id of batch) rxHits += (await rxQuery(id).exec()).length;
          }),
        () =>
          timed(async () => {
            const table = dexie.table('proctoring_events');
            for (const id of batch)
              dexieHits += (await table.where('[test_session_id+severity]').equals([id, 'high']).toArray()).length;
          }),
      );
    });
    if (rxHits !== dexieHits || rxHits === 0) throw new Error(`RxDB found ${rxHits} events, Dexie ${dexieHits}`);
    return { value: times.subject / QUERIES_PER_RUN, unit: 'ms', baseline: times.baseline / QUERIES_PER_RUN };
  } finally {
    await rx.remove();
    await dexie.delete();
  }
}

const suite: Suite = {
  benchmarks: {
    'db.bulk_insert_answers_10k': bulkInsertAnswers,
    'db.indexed_query_events_10k': indexedQueryEvents,
  },
};
export default suite;
