import { describe, expect, it } from 'vitest';
import { resolveSyncServer } from './server-url';

describe('resolveSyncServer', () => {
  it('defaults to the local server', () => {
    expect(resolveSyncServer(undefined)).toEqual({
      ok: true,
      server: { url: 'http://127.0.0.1:8787', httpOrigin: 'http://127.0.0.1:8787', wsOrigin: 'ws://127.0.0.1:8787' },
    });
    expect(resolveSyncServer('  ')).toMatchObject({ ok: true, server: { url: 'http://127.0.0.1:8787' } });
  });

  it('maps https to wss and keeps a path prefix without trailing slash', () => {
    expect(resolveSyncServer('https://sync.example.com:8443/api/')).toEqual({
      ok: true,
      server: {
        url: 'https://sync.example.com:8443/api',
        httpOrigin: 'https://sync.example.com:8443',
        wsOrigin: 'wss://sync.example.com:8443',
      },
    });
  });

  it('drops the default port from origins', () => {
    expect(resolveSyncServer('https://sync.example.com:443')).toMatchObject({
      server: { httpOrigin: 'https://sync.example.com', wsOrigin: 'wss://sync.example.com' },
    });
  });

  it.each([
    ['ftp://example.com', /http or https/],
    ['not a url', /not a URL/],
    ['https://u:p@example.com', /credentials/],
    ['https://example.com/?token=1', /query/],
    ["https://example.com; script-src 'unsafe-eval'", /not a URL|query|fragment/],
  ])('rejects %s', (value, reason) => {
    const result = resolveSyncServer(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
