import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from './app-protocol';

const root = '/opt/app/out/renderer';

describe('resolveAppFile', () => {
  it('maps a file URL to the file under the root', () => {
    expect(resolveAppFile('app://assist-ten/assets/index-abc.js', root, path.posix)).toEqual({
      ok: true,
      filePath: '/opt/app/out/renderer/assets/index-abc.js',
    });
  });

  it('decodes percent-encoded names', () => {
    expect(resolveAppFile('app://assist-ten/models/face%20model.tflite', root, path.posix)).toEqual({
      ok: true,
      filePath: '/opt/app/out/renderer/models/face model.tflite',
    });
  });

  it.each(['app://assist-ten/', 'app://assist-ten', 'app://assist-ten/exam/42', 'app://assist-ten/index.html?x=1#/y'])(
    'serves the app shell for %s',
    (url) => {
      expect(resolveAppFile(url, root, path.posix)).toEqual({ ok: true, filePath: '/opt/app/out/renderer/index.html' });
    },
  );

  it.each([
    'app://assist-ten/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://assist-ten/assets/%2F..%2F..%2Fsecret.txt',
    'app://assist-ten/..%5c..%5csecret.txt',
    'app://assist-ten/C:%5CWindows%5Cwin.ini',
    'app://assist-ten/x%00.js',
  ])('refuses traversal attempt %s', (url) => {
    const result = resolveAppFile(url, root, path.posix);
    expect(result.ok).toBe(false);
  });

  it.each(['app://assist-ten/../../etc/passwd.txt', 'app://assist-ten/%2e%2e/%2E%2E/etc/passwd.txt'])(
    'stays inside the root when URL parsing already collapsed the dots of %s',
    (url) => {
      // WHATWG parsing turns both into app://assist-ten/etc/passwd.txt.
      expect(resolveAppFile(url, root, path.posix)).toEqual({
        ok: true,
        filePath: '/opt/app/out/renderer/etc/passwd.txt',
      });
    },
  );

  it('refuses Windows drive and backslash tricks with win32 paths', () => {
    const winRoot = 'C:\\Program Files\\Assist-Ten\\resources\\app.asar\\out\\renderer';
    expect(resolveAppFile('app://assist-ten/..%5C..%5C..%5Csecret.txt', winRoot, path.win32).ok).toBe(false);
    expect(resolveAppFile('app://assist-ten/D:%5Csecret.txt', winRoot, path.win32).ok).toBe(false);
    expect(resolveAppFile('app://assist-ten/assets/a.js', winRoot, path.win32)).toEqual({
      ok: true,
      filePath: `${winRoot}\\assets\\a.js`,
    });
  });

  it.each(['app://other/index.js', 'https://assist-ten/index.js', 'file:///etc/passwd'])(
    'refuses foreign URL %s',
    (url) => {
      expect(resolveAppFile(url, root, path.posix)).toMatchObject({ ok: false, status: 403 });
    },
  );

  it('rejects malformed percent-encoding', () => {
    expect(resolveAppFile('app://assist-ten/%E0%A4%A.js', root, path.posix)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['/r/index.html', 'text/html; charset=utf-8'],
    ['/r/a.JS', 'text/javascript; charset=utf-8'],
    ['/r/vision_wasm_internal.wasm', 'application/wasm'],
    ['/r/a.css', 'text/css; charset=utf-8'],
    ['/r/model.tflite', 'application/octet-stream'],
    ['/r/noext', 'application/octet-stream'],
    ['/r.d/noext', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});
