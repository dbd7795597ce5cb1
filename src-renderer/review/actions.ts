import type { Kind } from '@shared/domain/registry';
import type { AppDatabase } from '../db/database';
import { repo } from '../db/repository';

/*
 * A proctor's review writes: local RxDB updates only, so they work offline;
 * replication sends them when the device is back online. The permission
 * table lets a proctor change exactly these fields.
 */

/**
 * Sets some fields and removes others. The repository's update cannot remove
 * a field (an update validator has no "absent"); the storage wrapper still
 * validates this write against the entity's schema.
 */
async function patch(
  db: AppDatabase,
  kind: Kind,
  id: string,
  set: Record<string, unknown>,
  unset: readonly string[] = [],
  now = new Date(),
) {
  const doc = await repo(db, kind).rxDocument(id);
  if (!doc) throw new Error(`No ${kind} with id ${id} on this device`);
  await doc.incrementalModify((current) => {
    const next: Record<string, unknown> = { ...current, ...set, updated_at: now.toISOString() };
    for (const field of unset) delete next[field];
    return next as never;
  });
}

export function markReviewed(db: AppDatabase, reviewerId: string, eventId: string, notes: string, now = new Date()) {
  return patch(
    db,
    'proctoring_event',
    eventId,
    { reviewed: true, reviewed_by: reviewerId, reviewed_at: now.toISOString(), reviewer_notes: notes.trim() },
    [],
    now,
  );
}

/** Back to "not reviewed": who reviewed it and when no longer hold; the notes stay. */
export function markNotReviewed(db: AppDatabase, eventId: string) {
  return patch(db, 'proctoring_event', eventId, { reviewed: false }, ['reviewed_by', 'reviewed_at']);
}

export function setFlagged(db: AppDatabase, eventId: string, flagged: boolean) {
  return patch(db, 'proctoring_event', eventId, { flagged });
}

export function saveNotes(db: AppDatabase, eventId: string, notes: string) {
  return patch(db, 'proctoring_event', eventId, { reviewer_notes: notes.trim() });
}

export function flagSessionForFollowUp(db: AppDatabase, sessionId: string, reason: string) {
  return patch(db, 'test_session', sessionId, { needs_review: true, review_reason: reason.trim() });
}

export function clearSessionFollowUp(db: AppDatabase, sessionId: string) {
  return patch(db, 'test_session', sessionId, { needs_review: false }, ['review_reason']);
}
