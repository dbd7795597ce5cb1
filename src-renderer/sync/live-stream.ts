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
      try {
        await this.connectOnce(signal, () => {
          failures = 0;
        });
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof SyncHttpError && error.status === 401) this.options.onUnauthorized?.();
        else this.options.onError?.(error);
      }
      this.online$.next(false);
      if (signal.aborted) break;
      await sleep(backoffDelay(failures++, this.options.backoff ?? DEFAULT_BACKOFF), signal);
    }
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
