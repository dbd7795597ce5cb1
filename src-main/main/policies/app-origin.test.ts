import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isOwnOrigin, originOf, resolveRendererSource } from './app-origin';

describe('originOf', () => {
  it('builds scheme://host[:port] for the custom app scheme, which Node reports as "null"', () => {
    expect(new URL('app://assist-ten/index.html').origin).toBe('null');
    expect(originOf('app://assist-ten/index.html')).toBe('app://assist-ten');
  });

  it('keeps the port and lowercases', () => {
    expect(originOf('http://LOCALHOST:5173/x?y#z')).toBe('http://localhost:5173');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'about:blank',
    'not a url',
    '',
    'app:///index.html',
  ])('has no origin for %s', (value) => {
    expect(originOf(value)).toBeNull();
  });

  it('refuses URLs carrying credentials', () => {
    expect(originOf('app://user:pw@assist-ten/')).toBeNull();
  });
});

describe('isOwnOrigin', () => {
  it('accepts any path on our origin', () => {
    expect(isOwnOrigin('app://assist-ten/assets/x.js', APP_ORIGIN)).toBe(true);
  });

  it.each([
    'app://assist-ten.evil.example/',
    'app://evil/',
    'https://assist-ten/',
    'http://localhost:5173/',
    'app://assist-ten:1234/',
  ])('rejects %s', (value) => {
    expect(isOwnOrigin(value, APP_ORIGIN)).toBe(false);
  });

  it('distinguishes dev-server ports', () => {
    expect(isOwnOrigin('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isOwnOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('resolveRendererSource', () => {
  it('uses the custom protocol when packaged, even if a dev URL is set', () => {
    expect(resolveRendererSource({ isPackaged: true, devServerUrl: 'http://localhost:5173/' })).toEqual({
      kind: 'app-protocol',
      url: APP_ENTRY_URL,
      origin: APP_ORIGIN,
    });
  });

  it('uses the loopback dev server when unpackaged', () => {
    expect(resolveRendererSource({ isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });

  it.each(['https://evil.example/', 'http://10.0.0.5:5173/', 'file:///tmp/index.html', 'garbage'])(
    'ignores a non-loopback dev URL %s',
    (devServerUrl) => {
      expect(resolveRendererSource({ isPackaged: false, devServerUrl }).kind).toBe('app-protocol');
    },
  );

  it('uses the custom protocol without a dev URL', () => {
    expect(resolveRendererSource({ isPackaged: false, devServerUrl: undefined }).url).toBe(APP_ENTRY_URL);
  });
});
