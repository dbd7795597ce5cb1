import Dexie, { type EntityTable } from 'dexie';

/*
 * What only the exam screen needs and never syncs: the question on screen
 * and the candidate's own "flag for review" markers, per session. Kept in a
 * small IndexedDB database of its own (not RxDB: it must not replicate, and
 * collections are scarce). IndexedDB rather than localStorage because
 * Chromium commits localStorage to disk lazily, so a killed station could
 * come back on an older question; an IndexedDB transaction is on disk once
 * it completes. Where IndexedDB is missing (tests in jsdom), the places
 * live in memory.
 */

export interface ExamPlace {
  index: number;
  flagged: string[];
}

interface PlaceRow extends ExamPlace {
  sessionId: string;
}

class PlaceDatabase extends Dexie {
  places!: EntityTable<PlaceRow, 'sessionId'>;
  constructor() {
    super('assist-ten-exam-places');
    this.version(1).stores({ places: 'sessionId' });
  }
}

let database: PlaceDatabase | undefined;
const memory = new Map<string, ExamPlace>();

function places(): PlaceDatabase | undefined {
  if (typeof indexedDB === 'undefined') return undefined;
  database ??= new PlaceDatabase();
  return database;
}

function sanitise(row: Partial<ExamPlace> | undefined): ExamPlace {
  return {
    index: Number.isInteger(row?.index) && row!.index! >= 0 ? row!.index! : 0,
    flagged: Array.isArray(row?.flagged) ? row.flagged.filter((f) => typeof f === 'string') : [],
  };
}

export async function readPlace(sessionId: string): Promise<ExamPlace> {
  const db = places();
  if (!db) return sanitise(memory.get(sessionId));
  try {
    return sanitise(await db.places.get(sessionId));
  } catch {
    // Unreadable (storage disabled, blocked): start at the first question, no flags.
    return sanitise(undefined);
  }
}

/** Writes in call order (one IndexedDB store, one connection), so the last place asked is the one kept. */
export function writePlace(sessionId: string, place: ExamPlace): Promise<void> {
  const db = places();
  if (!db) {
    memory.set(sessionId, place);
    return Promise.resolve();
  }
  return db.places.put({ sessionId, ...place }).then(
    () => undefined,
    () => undefined, // The exam goes on; only the position and flags are not kept.
  );
}

export function forgetPlace(sessionId: string): Promise<void> {
  const db = places();
  memory.delete(sessionId);
  return db ? db.places.delete(sessionId).catch(() => undefined) : Promise.resolve();
}
