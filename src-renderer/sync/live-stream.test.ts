import { describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { LiveStream } from './live-stream';
import { SyncTransport, type FetchLike, type TokenSource } from './transport';

/*
 * The live stream and the browser's online/offline events. The backoff is an
 * hour, so a reconnect that happens at all proves it did not wait for it.
 */

const HOUR = { baseMs: 3_600_000, maxMs: 3_600_000 };
const tokens: TokenSource = { accessToken: () => 'token', refresh: async () => false };

/** A server whose stream says `resync` and then stays open until the client hangs up. */
function streamingServer() {
  const state = { connects: 0, open: 0 };
  const fetchImpl: FetchLike = async (_input, init) => {
    state.connects++;
    const signal = init?.signal;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        state.open++;
        controller.enqueue(new TextEncoder().encode('event: resync\ndata: {}\n\n'));
        signal?.addEventListener('abort', () => {
          state.open--;
          controller.error(new DOMException('aborted', 'AbortError'));
        });
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return { state, fetchImpl };
}

const when = (stream: LiveStream, online: boolean) =>
  firstValueFrom(stream.online$.pipe(filter((value) => value === online)));

describe('LiveStream and the network', () => {
  it('hangs up when the window goes offline and reconnects at once when it is back', async () => {
    const server = streamingServer();
    const stream = new LiveStream(new SyncTransport('http://sync.test', tokens, server.fetchImpl), ['catalog'], {
      backoff: HOUR,
    });
    stream.start();
    await when(stream, true);

    stream.setNetworkAvailable(false);
    await when(stream, false);
    expect(server.state.open).toBe(0);

    stream.setNetworkAvailable(true);
    await when(stream, true);
    expect(server.state.connects).toBe(2);
    await stream.stop();
    expect(server.state.open).toBe(0);
  });

  it('does not connect while the window is offline, only once it is back', async () => {
    const server = streamingServer();
    const stream = new LiveStream(new SyncTransport('http://sync.test', tokens, server.fetchImpl), ['catalog'], {
      backoff: HOUR,
    });
    stream.setNetworkAvailable(false);
    stream.start();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.state.connects).toBe(0);
    expect(stream.online$.value).toBe(false);

    stream.setNetworkAvailable(true);
    await when(stream, true);
    expect(server.state.connects).toBe(1);
    await stream.stop();
  });
});

describe('SyncTransport', () => {
  it('refreshes first when a resumed session has no access token yet', async () => {
    let access: string | undefined;
    const session: TokenSource = {
      accessToken: () => access,
      refresh: async () => {
        access = 'fresh';
        return true;
      },
    };
    const seen: string[] = [];
    const transport = new SyncTransport('http://sync.test', session, async (_input, init) => {
      seen.push((init?.headers as Record<string, string>).authorization!);
      return new Response('{}', { status: 200 });
    });
    await transport.send('/sync/stream');
    expect(seen).toEqual(['Bearer fresh']);
  });

  it('gives up with a 401 when there is no token and the refresh is refused', async () => {
    const transport = new SyncTransport(
      'http://sync.test',
      { accessToken: () => undefined, refresh: async () => false },
      async () => new Response('{}', { status: 200 }),
    );
    await expect(transport.send('/sync/stream')).rejects.toMatchObject({ status: 401 });
  });
});
