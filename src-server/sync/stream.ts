import type { ServerResponse } from 'node:http';
import { collectionsForRole } from '../../src-shared/permissions/access';
import type { PrincipalRole } from '../../src-shared/permissions/principal';
import { collectionLayout, type CollectionName } from '../../src-shared/storage/layout';
import { MAX_PULL_LIMIT, RESYNC, type StreamChange } from '../../src-shared/sync/wire';
import { quoteIdent } from '../db/ddl';
import { tableOf } from '../db/rows';
import type { Sql } from '../db/sql';
import { liveSessions, type Authenticated } from '../auth/guard';
import type { ChangeFeed } from './change-feed';
import { registerPrincipal } from './scope/principals';
import { pullForStreams, type StreamBatch } from './stream-pull';

/*
 * One live stream per client, multiplexed over every collection its role
 * replicates (a browser allows six connections per host; a stream per
 * collection would starve requests).
 *
 * Gap-free hand-over between pull and stream: the stream subscribes to
 * change signals first, then reads the head (the highest change number
 * visible now, in one snapshot), then sends RESYNC. Clients answer RESYNC by
 * pulling from their checkpoints to the end, which covers everything up to
 * the head; the stream sends everything after it. Sequence order is commit
 * order (ddl.ts), so "visible now" has no holes below the head.
 *
 * Streams do not query on their own: the open streams of one role are a
 * group per collection (StreamHub), and a change signal makes the group run
 * one query for all of them (stream-pull.ts). A group has at most one query
 * in flight; signals arriving meanwhile are served together by the next.
 *
 * Revocation: a stream serves the scope of the sign-in it was opened with.
 * Whenever the users or refresh_tokens tables change (any process's write:
 * the signals come from the database), the hub re-checks every open stream's
 * sign-in in one query (guard.ts `liveSessions`: the account still active
 * with the same role, a station's signer still staff, the refresh-token
 * family not revoked) and ends the streams that fail it. Their clients
 * reconnect and are refused by the guard; a demoted user refreshes and gets
 * a stream compiled for the new role. A stream also asks for a check once it
 * is registered, which covers a revocation committed between the guard's
 * check of its request and its registration.
 */

export interface StreamOptions {
  heartbeatMs: number;
  now: () => number;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

async function readHead(sql: Sql, collections: CollectionName[]): Promise<number> {
  const tables = collections.flatMap((c) => collectionLayout[c].kinds.map((k) => quoteIdent(tableOf(k).name)));
  const maxes = tables.map((t) => `COALESCE((SELECT max(_server_seq) FROM ${t}), 0)`);
  const rows = await sql.query<{ head: number }>(`SELECT GREATEST(0, ${maxes.join(', ')}) AS head`);
  return Number(rows[0]!.head);
}

/**
 * A group's queries start at least this far apart while changes keep coming:
 * under a steady stream of commits, each query then serves several of them.
 * It delays a change on the live stream by at most this much; a writer's
 * own push is answered by its push request, not by the stream.
 */
const MIN_QUERY_GAP_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The open streams of one role for one collection, and the query that serves them. */
class StreamGroup {
  readonly streams = new Set<StreamSession>();
  private dirty = false;
  private draining = false;
  private lastQuery = -Infinity;

  constructor(
    private readonly sql: Sql,
    private readonly role: PrincipalRole,
    private readonly collection: CollectionName,
    /** Resolves once no sign-in check is in flight (StreamHub.settled). */
    private readonly checksSettled: () => Promise<void>,
  ) {}

  wake(): void {
    this.dirty = true;
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.dirty) {
        const wait = this.lastQuery + MIN_QUERY_GAP_MS - performance.now();
        if (wait > 0) await sleep(wait);
        this.dirty = false;
        const streams = [...this.streams].filter((s) => s.isReady());
        if (!streams.length) continue;
        const cursors = streams.map((s) => ({ principal: s.principal, since: s.position(this.collection) }));
        let batches;
        this.lastQuery = performance.now();
        try {
          batches = await pullForStreams(this.sql, this.role, this.collection, cursors, MAX_PULL_LIMIT);
        } catch (error) {
          // Their clients reconnect and resync; nothing is lost but these connections.
          for (const stream of streams) stream.fail(error);
          continue;
        }
        // A sign-in check started by an earlier signal (a revocation committed before these rows) ends its
        // streams first, so they never get rows committed after their revocation.
        await this.checksSettled();
        streams.forEach((stream, i) => {
          const batch = batches[i]!;
          stream.deliver(this.collection, batch);
          if (batch.more) this.dirty = true;
        });
      }
    } finally {
      this.draining = false;
    }
  }
}

/** Every open stream of one server, grouped by role and collection; woken by the change feed. */
class StreamHub {
  private readonly groups = new Map<PrincipalRole, Map<CollectionName, StreamGroup>>();
  private readonly open = new Set<StreamSession>();
  private recheckWanted = false;
  private rechecks?: Promise<void>;

  constructor(
    private readonly sql: Sql,
    feed: ChangeFeed,
    private readonly now: () => number,
  ) {
    feed.subscribe((collection) => {
      for (const byCollection of this.groups.values()) byCollection.get(collection)?.wake();
    });
    feed.subscribeKinds(['user', 'refresh_token'], () => this.recheck());
  }

  /** Re-checks the sign-ins of all open streams soon; one query at a time, later signals share the next. */
  recheck(): void {
    this.recheckWanted = true;
    this.rechecks ??= this.runRechecks().finally(() => {
      this.rechecks = undefined;
      // Asked for between the loop's last test and here.
      if (this.recheckWanted) this.recheck();
    });
  }

  /** Resolves when the sign-in checks asked for so far have run (and ended the streams that failed them). */
  settled(): Promise<void> {
    return this.rechecks ?? Promise.resolve();
  }

  /** Runs until no check is wanted; a failed query ends the streams it checked, it never rejects. */
  private async runRechecks(): Promise<void> {
    while (this.recheckWanted) {
      this.recheckWanted = false;
      const streams = [...this.open];
      if (!streams.length) continue;
      let live: boolean[];
      try {
        live = await liveSessions(
          this.sql,
          streams.map((s) => s.principal),
          this.now(),
        );
      } catch (error) {
        // Fail closed: their clients reconnect, and the guard checks them again.
        for (const stream of streams) stream.fail(error);
        continue;
      }
      streams.forEach((stream, i) => {
        if (!live[i]) stream.revoked();
      });
    }
  }

  private group(role: PrincipalRole, collection: CollectionName): StreamGroup {
    let byCollection = this.groups.get(role);
    if (!byCollection) this.groups.set(role, (byCollection = new Map()));
    let group = byCollection.get(collection);
    if (!group)
      byCollection.set(collection, (group = new StreamGroup(this.sql, role, collection, () => this.settled())));
    return group;
  }

  add(stream: StreamSession, collections: CollectionName[]): void {
    this.open.add(stream);
    for (const c of collections) this.group(stream.principal.role, c).streams.add(stream);
  }

  remove(stream: StreamSession, collections: CollectionName[]): void {
    this.open.delete(stream);
    for (const c of collections) this.group(stream.principal.role, c).streams.delete(stream);
  }

  wake(role: PrincipalRole, collections: CollectionName[]): void {
    for (const c of collections) this.group(role, c).wake();
  }
}

const hubs = new WeakMap<ChangeFeed, StreamHub>();

function hubOf(sql: Sql, feed: ChangeFeed, now: () => number): StreamHub {
  let hub = hubs.get(feed);
  if (!hub) hubs.set(feed, (hub = new StreamHub(sql, feed, now)));
  return hub;
}

export class StreamSession {
  private readonly collections: CollectionName[];
  private readonly sent = new Map<CollectionName, number>();
  private readonly hub: StreamHub;
  private ready = false;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly sql: Sql,
    feed: ChangeFeed,
    readonly principal: Authenticated,
    private readonly response: ServerResponse,
    private readonly options: StreamOptions,
  ) {
    this.collections = collectionsForRole(principal.role);
    this.hub = hubOf(sql, feed, options.now);
  }

  async start(onClose: () => void): Promise<void> {
    this.response.on('close', () => {
      this.close();
      onClose();
    });
    // Before the head is read: every scope change after it reaches this stream (scope/principals.ts).
    await registerPrincipal(this.sql, this.principal);
    if (this.closed) return;
    this.hub.add(this, this.collections);
    // A revocation committed after the guard checked this request but before the line above reached no check.
    this.hub.recheck();
    const head = await readHead(this.sql, this.collections);
    if (this.closed) return;
    for (const collection of this.collections) this.sent.set(collection, head);
    this.ready = true;
    this.write('resync', JSON.stringify(RESYNC));
    this.timers.push(setInterval(() => this.comment('ping'), this.options.heartbeatMs));
    // The client reconnects with a fresh token; the guard checks it again then.
    const untilExpiry = Math.max(0, this.principal.expiresAtMs - this.options.now());
    this.timers.push(setTimeout(() => this.end(), Math.min(untilExpiry, 2 ** 31 - 1)));
    // A change committed after the head was read may have been signalled before this stream was ready.
    this.hub.wake(this.principal.role, this.collections);
  }

  isReady(): boolean {
    return this.ready && !this.closed;
  }

  /** The change number up to which this stream has covered `collection`. */
  position(collection: CollectionName): number {
    return this.sent.get(collection)!;
  }

  /** Sends the batch's documents (if any) and moves the stream's position in `collection`. */
  deliver(collection: CollectionName, batch: StreamBatch): void {
    if (this.closed) return;
    this.sent.set(collection, batch.since);
    if (!batch.checkpoint) return;
    const event: StreamChange = { collection, documents: batch.documents, checkpoint: batch.checkpoint };
    this.write('change', JSON.stringify(event));
  }

  fail(error: unknown): void {
    this.options.log.warn({ err: error }, 'live stream failed');
    this.end();
  }

  /** Its sign-in ended (signed out, account deactivated, deleted or its role changed): nothing more is sent. */
  revoked(): void {
    if (this.closed) return;
    this.options.log.info({ principal: this.principal.id }, 'live stream ended: its sign-in is no longer valid');
    this.end();
  }

  private write(event: string, data: string): void {
    if (!this.closed) this.response.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  private comment(text: string): void {
    if (!this.closed) this.response.write(`: ${text}\n\n`);
  }

  end(): void {
    if (!this.closed) this.response.end();
    this.close();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.hub.remove(this, this.collections);
    for (const timer of this.timers) clearTimeout(timer);
  }
}
