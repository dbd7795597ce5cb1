import { randomId } from '@shared/domain/ids';
import { DomainValidationError } from '@shared/storage/stored-doc';
import type { Doc } from '@shared/domain/registry';
import type { Evidence, MachineEvent } from '@shared/proctoring/event-machine';
import { eventRecord, type EventRecordInput } from '@shared/proctoring/event-record';
import { snapshotUrl } from '@shared/proctoring/snapshot-url';
import type { ProctoringEventType } from '@shared/proctoring/types';
import type { AppDatabase } from '../../db/database';
import { Repository } from '../../db/repository';
import type { SnapshotStore } from '../snapshots/store';

/*
 * Writes proctoring events for one exam session. An event is written once,
 * when it ends (detection fields are append-only on the server), with the
 * question that was on screen when it started and the snapshot taken when
 * it was confirmed. While an event is open it sits in a journal in the
 * snapshot database; if the window dies mid-event, the next proctor for the
 * same session writes it with the duration known at the last heartbeat.
 *
 * Writing an event is idempotent: the event id is fixed when it opens, so a
 * second write of it (a recovery racing the proctor that still owns the
 * event, two recoveries at once, a recovery after one that was cut short)
 * finds it stored and does nothing. Recoveries of one session also run one
 * at a time in a window.
 */

interface OpenEntry {
  eventId: string;
  type: ProctoringEventType;
  startedAt: number;
  questionId?: string;
  evidence?: Evidence;
  snapshot?: Promise<string | undefined>;
}

interface JournalEntry {
  eventId: string;
  type: ProctoringEventType;
  startedAt: number;
  questionId?: string;
  evidence?: Evidence;
  sha256?: string;
}

export interface RecorderOptions {
  db: AppDatabase;
  sessionId: string;
  store: SnapshotStore;
  /** A JPEG of the current frame, or undefined when there is no camera. */
  takeSnapshot?: () => Promise<Blob> | undefined;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/** The recovery running for each session in this window: the next one waits for it. */
const recoveries = new Map<string, Promise<unknown>>();

export class EventRecorder {
  private readonly open = new Map<ProctoringEventType, OpenEntry>();
  private readonly repo: Repository<'proctoring_event'>;
  private readonly now: () => number;
  private writes: Promise<unknown> = Promise.resolve();
  /** Every event written, in order (for tests and the exam screen's own use). */
  readonly written: Doc<'proctoring_event'>[] = [];

  constructor(private readonly options: RecorderOptions) {
    this.repo = new Repository(options.db, 'proctoring_event', () => new Date(this.now()));
    this.now = options.now ?? Date.now;
  }

  /** Applies what the event machine reported; `questionId` is what is on screen now. */
  apply(events: readonly MachineEvent[], questionId: string | undefined): void {
    for (const event of events) {
      if (event.kind === 'opened') this.opened(event.type, event.startedAt, questionId, event.evidence);
      else this.closed(event.type, event.endedAt, event.evidence);
    }
  }

  /** An event that is already over (focus losses): written at once, with a snapshot of now. */
  record(input: {
    type: ProctoringEventType;
    startedAt: number;
    endedAt: number;
    questionId?: string;
    metadata?: Record<string, unknown>;
  }): Promise<void> {
    const eventId = randomId();
    const snapshot = this.snapshot(eventId);
    return this.enqueue(async () => {
      const sha256 = await snapshot;
      await this.write({ ...input, eventId, sha256 });
    });
  }

  private opened(type: ProctoringEventType, startedAt: number, questionId?: string, evidence?: Evidence) {
    const eventId = randomId();
    const snapshot = type === 'camera_unavailable' ? undefined : this.snapshot(eventId);
    const entry: OpenEntry = { eventId, type, startedAt, questionId, evidence, snapshot };
    this.open.set(type, entry);
    void this.journal(entry);
  }

  private closed(type: ProctoringEventType, endedAt: number, evidence?: Evidence) {
    const entry = this.open.get(type);
    if (!entry) return;
    this.open.delete(type);
    void this.enqueue(async () => {
      const sha256 = await entry.snapshot;
      await this.write({ ...entry, evidence: evidence ?? entry.evidence, endedAt, sha256 });
      await this.options.store.db.journal.delete(entry.eventId);
    });
  }

  /** Takes and stores the snapshot; its digest, or undefined if there is no camera frame to take. */
  private snapshot(eventId: string): Promise<string | undefined> | undefined {
    const taking = this.options.takeSnapshot?.();
    if (!taking) return undefined;
    return taking
      .then((jpeg) => this.options.store.save({ eventId, sessionId: this.options.sessionId }, jpeg))
      .then(({ sha256 }) => sha256)
      .catch((error: unknown) => {
        this.options.onError?.(error);
        return undefined;
      });
  }

  private async write(
    input: Omit<EventRecordInput, 'sessionId' | 'snapshotUrl' | 'now'> & { sha256?: string },
  ): Promise<void> {
    const doc = eventRecord({
      ...input,
      sessionId: this.options.sessionId,
      snapshotUrl: input.sha256 ? snapshotUrl(input.sha256) : undefined,
      now: this.now(),
    });
    if (!(await this.insertOnce(doc))) return;
    this.written.push(doc);
    if (input.sha256 && doc.flagged) await this.options.store.setFlagged(input.eventId, true);
  }

  /** Stores the event unless it is stored already; true if this call stored it. */
  private async insertOnce(doc: Doc<'proctoring_event'>): Promise<boolean> {
    if (await this.repo.get(doc.event_id)) return false;
    try {
      await this.repo.insertDocument(doc);
      return true;
    } catch (error) {
      // Written by another writer between the check and the insert: the event is stored once, as it should be.
      const duplicate = error instanceof DomainValidationError && error.errors.some((e) => e.rule === 'unique');
      if (duplicate && (await this.repo.get(doc.event_id))) return false;
      throw error;
    }
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.writes.then(work);
    this.writes = next.catch((error: unknown) => this.options.onError?.(error));
    return next;
  }

  private async journal(entry: OpenEntry): Promise<void> {
    const sha256 = await entry.snapshot;
    // Closed before its snapshot was stored: nothing left to journal.
    if (this.open.get(entry.type) !== entry) return;
    const record: JournalEntry = {
      eventId: entry.eventId,
      type: entry.type,
      startedAt: entry.startedAt,
      questionId: entry.questionId,
      evidence: entry.evidence,
      sha256,
    };
    await this.options.store.db.journal
      .put({ eventId: entry.eventId, sessionId: this.options.sessionId, entry: { ...record }, lastSeenAt: this.now() })
      .catch((error: unknown) => this.options.onError?.(error));
  }

  /** Records that the open events are still open now (one write for all of them). */
  async heartbeat(): Promise<void> {
    const ids = [...this.open.values()].map((e) => e.eventId);
    if (!ids.length) return;
    const at = this.now();
    await this.options.store.db.journal
      .where('eventId')
      .anyOf(ids)
      .modify({ lastSeenAt: at })
      .catch((error: unknown) => this.options.onError?.(error));
  }

  /**
   * Writes the events a previous window left open for this session, ended at
   * their last heartbeat. Events handed over meanwhile queue behind it.
   */
  recover(): Promise<void> {
    const sessionId = this.options.sessionId;
    const done = (recoveries.get(sessionId) ?? Promise.resolve()).then(() => this.recoverJournal());
    const settled = done.catch(() => undefined);
    recoveries.set(sessionId, settled);
    void settled.then(() => {
      if (recoveries.get(sessionId) === settled) recoveries.delete(sessionId);
    });
    this.writes = this.writes.then(() => done).catch((error: unknown) => this.options.onError?.(error));
    return done;
  }

  private async recoverJournal(): Promise<void> {
    const left = await this.options.store.db.journal.where('sessionId').equals(this.options.sessionId).toArray();
    for (const row of left) {
      const entry = row.entry as unknown as JournalEntry;
      await this.write({
        ...entry,
        endedAt: Math.max(entry.startedAt, row.lastSeenAt),
        metadata: { recovered: true },
      });
      await this.options.store.db.journal.delete(row.eventId);
    }
  }

  /** Resolves once every event handed over so far is written. */
  async flush(): Promise<void> {
    await this.writes;
  }
}
