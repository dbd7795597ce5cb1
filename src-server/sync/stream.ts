import type { ServerResponse } from 'node:http';
import { collectionsForRole } from '../../src-shared/permissions/access';
import { collectionLayout, type CollectionName } from '../../src-shared/storage/layout';
import { MAX_PULL_LIMIT, RESYNC, type StreamChange } from '../../src-shared/sync/wire';
import { quoteIdent } from '../db/ddl';
import { tableOf } from '../db/rows';
import type { Sql } from '../db/sql';
import type { Authenticated } from '../auth/guard';
import type { ChangeFeed } from './change-feed';
import { pullChanges } from './pull';

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
 */

export interface StreamOptions {
  heartbeatMs: number;
  now: () => number;
  log: { warn(obj: object, msg: string): void };
}

async function readHead(sql: Sql, collections: CollectionName[]): Promise<number> {
  const tables = collections.flatMap((c) => collectionLayout[c].kinds.map((k) => quoteIdent(tableOf(k).name)));
  const maxes = tables.map((t) => `COALESCE((SELECT max(_server_seq) FROM ${t}), 0)`);
  const rows = await sql.query<{ head: number }>(`SELECT GREATEST(0, ${maxes.join(', ')}) AS head`);
  return Number(rows[0]!.head);
}

export class StreamSession {
  private readonly collections: CollectionName[];
  private readonly sent = new Map<CollectionName, number>();
  private readonly dirty = new Set<CollectionName>();
  private draining = false;
  private ready = false;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe?: () => void;

  constructor(
    private readonly sql: Sql,
    private readonly feed: ChangeFeed,
    private readonly principal: Authenticated,
    private readonly response: ServerResponse,
    private readonly options: StreamOptions,
  ) {
    this.collections = collectionsForRole(principal.role);
  }

  async start(onClose: () => void): Promise<void> {
    this.response.on('close', () => {
      this.close();
      onClose();
    });
    this.unsubscribe = this.feed.subscribe((collection) => {
      if (!this.collections.includes(collection)) return;
      this.dirty.add(collection);
      void this.drain();
    });
    const head = await readHead(this.sql, this.collections);
    for (const collection of this.collections) this.sent.set(collection, head);
    this.ready = true;
    this.write('resync', JSON.stringify(RESYNC));
    this.timers.push(setInterval(() => this.comment('ping'), this.options.heartbeatMs));
    // The client reconnects with a fresh token; the account is checked again then.
    const untilExpiry = Math.max(0, this.principal.expiresAtMs - this.options.now());
    this.timers.push(setTimeout(() => this.end(), Math.min(untilExpiry, 2 ** 31 - 1)));
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining || !this.ready) return;
    this.draining = true;
    try {
      while (!this.closed && this.dirty.size) {
        const collection = this.dirty.values().next().value as CollectionName;
        this.dirty.delete(collection);
        let since = this.sent.get(collection)!;
        for (;;) {
          const batch = await pullChanges(this.sql, this.principal, collection, since, MAX_PULL_LIMIT);
          if (this.closed || !batch.documents.length || !batch.checkpoint) break;
          since = batch.checkpoint.seq;
          this.sent.set(collection, since);
          const event: StreamChange = { collection, documents: batch.documents, checkpoint: batch.checkpoint };
          this.write('change', JSON.stringify(event));
          if (batch.documents.length < MAX_PULL_LIMIT) break;
        }
      }
    } catch (error) {
      // The client reconnects and resyncs; nothing is lost but this connection.
      this.options.log.warn({ err: error }, 'live stream failed');
      this.end();
    } finally {
      this.draining = false;
    }
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
    this.unsubscribe?.();
    for (const timer of this.timers) clearTimeout(timer);
  }
}
