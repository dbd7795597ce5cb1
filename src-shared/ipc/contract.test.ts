import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, isIpcChannel } from './channels';
import { ipcContract, SECURE_STORE_KEYS, utf8ByteLength } from './contract';

describe('ipc contract', () => {
  it('defines exactly the channels listed in channels.ts', () => {
    expect(Object.keys(ipcContract).sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('recognises channel names strictly', () => {
    expect(isIpcChannel('app:get-info')).toBe(true);
    expect(isIpcChannel('app:get-info ')).toBe(false);
    expect(isIpcChannel('constructor')).toBe(false);
    expect(isIpcChannel(42)).toBe(false);
  });

  it('limits secure-store keys to the closed list', () => {
    const schema = ipcContract['secure-store:get'].request;
    for (const key of SECURE_STORE_KEYS) expect(schema.safeParse({ key }).success).toBe(true);
    expect(schema.safeParse({ key: 'api_key' }).success).toBe(false);
  });

  it('limits secure-store values to 8 KiB of UTF-8', () => {
    const schema = ipcContract['secure-store:set'].request;
    expect(schema.safeParse({ key: 'db_key', value: 'a'.repeat(8192) }).success).toBe(true);
    expect(schema.safeParse({ key: 'db_key', value: 'a'.repeat(8193) }).success).toBe(false);
    expect(utf8ByteLength('€'.repeat(2731))).toBe(8193);
    expect(schema.safeParse({ key: 'db_key', value: '€'.repeat(2731) }).success).toBe(false);
  });

  it('only accepts https and mailto URLs for shell:open-external', () => {
    const schema = ipcContract['shell:open-external'].request;
    expect(schema.safeParse({ url: 'https://assistten.io/help' }).success).toBe(true);
    expect(schema.safeParse({ url: 'mailto:help@assistten.io' }).success).toBe(true);
    for (const url of [
      'http://assistten.io',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      `https://a.io/${'x'.repeat(2048)}`,
    ]) {
      expect(schema.safeParse({ url }).success, url).toBe(false);
    }
  });

  it('requires fullscreen to be a boolean and nothing else', () => {
    const schema = ipcContract['window:set-fullscreen'].request;
    expect(schema.safeParse({ fullscreen: false }).success).toBe(true);
    expect(schema.safeParse({ fullscreen: 1 }).success).toBe(false);
    expect(schema.safeParse({ fullscreen: true, kiosk: true }).success).toBe(false);
  });

  it('validates the server URL response as http(s)', () => {
    const schema = ipcContract['app:get-server-url'].response;
    expect(schema.safeParse({ url: 'https://sync.example.com/api' }).success).toBe(true);
    expect(schema.safeParse({ url: 'javascript:alert(1)' }).success).toBe(false);
  });
});
