import { describe, expect, it } from 'vitest';
import { SyncNetworkError, SyncTransport, type FetchLike } from './transport';

/* A pull or push held forever by a dead connection must fail, so RxDB retries it, and must not fail early. */

const tokens = { accessToken: () => 'token', refresh: async () => false };

/** A fetch that never answers until its request is aborted, as a connection a NAT dropped. */
const heldForever: FetchLike = (_input, init) =>
  new Promise((_resolve, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });

describe('the sync transport', () => {
  it('gives up on a request held without an answer, as a network failure', async () => {
    const transport = new SyncTransport('http://sync.test', tokens, heldForever, 50);
    const started = Date.now();
    const error = await transport.push('answers', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncNetworkError);
    expect((error as Error).message).toMatch(/no answer within 50 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('gives up on an answer whose body stops arriving', async () => {
    const stalled: FetchLike = async (_input, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"documents": ['));
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200 });
    };
    const transport = new SyncTransport('http://sync.test', tokens, stalled, 50);
    await expect(transport.pull('answers', undefined, 10)).rejects.toBeInstanceOf(SyncNetworkError);
  });

  it('answers a slow but living server', async () => {
    const slow: FetchLike = () =>
      new Promise((resolve) => setTimeout(() => resolve(new Response('[]', { status: 200 })), 20));
    const transport = new SyncTransport('http://sync.test', tokens, slow, 1000);
    await expect(transport.push('answers', [])).resolves.toEqual([]);
  });
});
