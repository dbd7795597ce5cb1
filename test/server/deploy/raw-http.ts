import { connect, type Socket } from 'node:net';

/*
 * HTTP/1.1 over one raw socket, for what fetch cannot do: send a request's body in two parts with a
 * pause between them, and pipeline a second request behind it on the same connection.
 */

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawConnection {
  write(data: string | Buffer): void;
  /** Resolves with the next complete response (every response here has a content-length). */
  nextResponse(): Promise<RawResponse>;
  /** Resolves when the server closes the connection. */
  closed: Promise<void>;
  destroy(): void;
}

export function rawConnection(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    const waiting: ((r: RawResponse) => void)[] = [];
    const parsed: RawResponse[] = [];
    const parse = () => {
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        const length = Number(headers['content-length'] ?? 0);
        if (buffer.length < end + 4 + length) return;
        const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
        buffer = buffer.subarray(end + 4 + length);
        const response = { status: Number(statusLine!.split(' ')[1]), headers, body };
        const waiter = waiting.shift();
        if (waiter) waiter(response);
        else parsed.push(response);
      }
    };
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      parse();
    });
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        write: (data) => socket.write(data),
        nextResponse: () =>
          parsed.length ? Promise.resolve(parsed.shift()!) : new Promise<RawResponse>((r) => waiting.push(r)),
        closed,
        destroy: () => socket.destroy(),
      }),
    );
  });
}

/** The head of a request with a body of `length` bytes. */
export function requestHead(method: string, path: string, headers: Record<string, string>, length: number): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', `content-length: ${length}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}
