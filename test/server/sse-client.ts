import { SseParser, type SseEvent } from '../../src-shared/sync/sse';
import type { StreamChange } from '../../src-shared/sync/wire';

/* A live stream client for tests, over a real socket. */

/** Reads a stream's events in order; `next()` waits for the next one. */
export async function openSseStream(baseUrl: string, token: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/sync/stream`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: controller.signal,
  });
  const queue: SseEvent[] = [];
  const waiters: ((e: SseEvent | undefined) => void)[] = [];
  let ended = false;
  const parser = new SseParser();
  void (async () => {
    const decoder = new TextDecoder();
    const reader = res.body!.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          const waiter = waiters.shift();
          if (waiter) waiter(event);
          else queue.push(event);
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
    for (const waiter of waiters.splice(0)) waiter(undefined);
  })();
  return {
    res,
    next: () =>
      queue.length
        ? Promise.resolve(queue.shift())
        : ended
          ? Promise.resolve(undefined)
          : new Promise<SseEvent | undefined>((r) => waiters.push(r)),
    /** The next change event of a collection, skipping others. */
    async nextChange(collection: string): Promise<StreamChange> {
      for (;;) {
        const event = await this.next();
        if (!event) throw new Error('stream ended');
        if (event.event !== 'change') continue;
        const change = JSON.parse(event.data) as StreamChange;
        if (change.collection === collection) return change;
      }
    },
    close: () => controller.abort(),
  };
}
