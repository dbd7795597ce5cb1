import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from './app-protocol-handler';

let base: string;
let rootDir: string;
const csp = "default-src 'self'";

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'assist-ten-protocol-'));
  rootDir = path.join(base, 'renderer');
  await mkdir(path.join(rootDir, 'assets'), { recursive: true });
  await writeFile(path.join(rootDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(rootDir, 'assets', 'vision.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  await writeFile(path.join(base, 'secret.txt'), 'outside the renderer folder');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('createAppProtocolHandler', () => {
  it('serves files with their type and the CSP', async () => {
    const handle = createAppProtocolHandler({ rootDir, csp });
    const response = await handle(new Request('app://assist-ten/assets/vision.wasm'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
  });

  it('serves the app shell for client-side routes', async () => {
    const response = await createAppProtocolHandler({ rootDir, csp })(new Request('app://assist-ten/exam/42'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('refuses to read outside the renderer folder', async () => {
    const response = await createAppProtocolHandler({ rootDir, csp })(new Request('app://assist-ten/..%2fsecret.txt'));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('outside the renderer folder');
  });

  it('answers 404 for missing files and 405 for writes', async () => {
    const handle = createAppProtocolHandler({ rootDir, csp });
    expect((await handle(new Request('app://assist-ten/assets/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://assist-ten/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });

  it('answers 500 without details when reading fails otherwise', async () => {
    const failing = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const handle = createAppProtocolHandler({ rootDir, csp, readFile: async () => Promise.reject(failing) });
    const response = await handle(new Request('app://assist-ten/index.html'));
    expect(response.status).toBe(500);
    expect(response.headers.get('content-security-policy')).toBe(csp);
  });
});
