import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { filter, firstValueFrom } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { CollectionName } from '@shared/storage/layout';
import { SseParser } from '@shared/sync/sse';
import { StreamChangeSchema, type Checkpoint, type WireDoc } from '@shared/sync/wire';
import { backoffDelay, sleep, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { SyncHttpError, type SyncTransport } from './transport';

/*
 * The one live connection to the server (GET /sync/stream, Server-Sent
 * Events read through fetch), split into a pull.stream$ per collection.
 * Every (re)connect emits RESYNC on all of them, so each replication pulls
 * what it missed. While the server is unreachable the stream retries with
 * exponential backoff, and `online$` is false; the replication handlers wait
 * for it instead of hammering a dead server.
 *
 * The window's own view of the network (the browser's online/offline events)
 * comes in through `setNetworkAvailable`: going offline drops the connection
 * at once (a half-open socket can look alive for minutes), and coming back
 * reconnects at once instead of waiting out a backoff of up to 30 s.
 */

export type StreamItem = RxReplicationPullStreamItem<WireDoc, Checkpoint>;

export interface LiveStreamOptions {
  backoff?: BackoffOptions;
  /** Called when the server refuses the session for good (refresh failed). */
  onUnauthorized?: () => void;
  onError?: (error: unknown) => void;
}

export class LiveStream {
  readonly online$ = new BehaviorSubject<boolean>(false);
  private readonly streams = new Map<CollectionName, Subject<StreamItem>>();
  private readonly controller = new AbortController();
  private running?: Promise<void>;
  private networkAvailable = true;
  /** Ends the current connection or backoff pause early, when the network comes or goes. */
  private attempt?: AbortController;
  private networkReturned?: () => void;

  constructor(
    private readonly transport: SyncTransport,
    collections: readonly CollectionName[],
    private readonly options: LiveStreamOptions = {},
  ) {
    for (const name of collections) this.streams.set(name, new Subject<StreamItem>());
  }

  stream$(collection: CollectionName): Observable<StreamItem> {
    const subject = this.streams.get(collection);
    if (!subject) throw new Error(`The live stream does not carry ${collection}`);
    return subject.asObservable();
  }

  start(): void {
    this.running ??= this.run();
  }

  /** The browser's view of the network: false skips connecting until it is true again. */
  setNetworkAvailable(available: boolean): void {
    if (available === this.networkAvailable) return;
    this.networkAvailable = available;
    this.attempt?.abort();
    if (available) this.networkReturned?.();
  }

  /** Resolves when connected (or when stopped, so that waiters never hang on shutdown). */
  whenOnline(): Promise<unknown> {
    if (this.online$.value || this.controller.signal.aborted) return Promise.resolve();
    return Promise.race([
      firstValueFrom(this.online$.pipe(filter(Boolean))),
      new Promise((resolve) => this.controller.signal.addEventListener('abort', resolve, { once: true })),
    ]);
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
    this.online$.next(false);
    this.online$.complete();
    for (const subject of this.streams.values()) subject.complete();
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    let failures = 0;
    while (!signal.aborted) {
      if (!this.networkAvailable) {
        await this.untilNetworkReturns(signal);
        failures = 0;
        continue;
      }
      const attempt = new AbortController();
      this.attempt = attempt;
      const stop = () => attempt.abort();
      signal.addEventListener('abort', stop, { once: true });
      try {
        await this.connectOnce(attempt.signal, () => {
          failures = 0;
        });
      } catch (error) {
        if (!attempt.signal.aborted) {
          if (error instanceof SyncHttpError && error.status === 401) this.options.onUnauthorized?.();
          else this.options.onError?.(error);
        }
      }
      this.online$.next(false);
      // Aborted for a network change: decide again at once, without a backoff pause.
      if (!attempt.signal.aborted)
        await sleep(backoffDelay(failures++, this.options.backoff ?? DEFAULT_BACKOFF), attempt.signal);
      signal.removeEventListener('abort', stop);
    }
  }

  private untilNetworkReturns(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.networkReturned = undefined;
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.networkReturned = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private async connectOnce(signal: AbortSignal, onOpen: () => void): Promise<void> {
    const response = await this.transport.send('/sync/stream', { headers: { accept: 'text/event-stream' }, signal });
    if (!response.body) throw new Error('The live stream has no body');
    onOpen();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        for (const event of parser.push(decoder.decode(value, { stream: true })))
          this.dispatch(event.event, event.data);
      }
    } finally {
      reader.releaseLock();
    }
  }

  private dispatch(event: string, data: string): void {
    if (event === 'resync') {
      this.online$.next(true);
      for (const subject of this.streams.values()) subject.next('RESYNC');
      return;
    }
    if (event !== 'change') return;
    const parsed = StreamChangeSchema.safeParse(JSON.parse(data));
    if (!parsed.success) {
      this.options.onError?.(new Error(`Malformed stream event: ${parsed.error.message}`));
      return;
    }
    const change = parsed.data;
    this.streams
      .get(change.collection)
      ?.next({ documents: change.documents as WireDoc[], checkpoint: change.checkpoint });
  }
}
