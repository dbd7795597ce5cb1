import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS, IPC_EVENTS, isIpcChannel, isIpcEvent } from './channels';
import { ipcContract, SECURE_STORE_KEYS, utf8ByteLength } from './contract';
import { ipcEvents } from './events';

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

  it('takes no request on kiosk enter, exit and status, and answers with the kiosk state', () => {
    for (const channel of ['kiosk:enter', 'kiosk:exit', 'kiosk:status'] as const) {
      const { request, response } = ipcContract[channel];
      expect(request.safeParse(undefined).success, channel).toBe(true);
      expect(request.safeParse({ force: true }).success, channel).toBe(false);
      expect(response.safeParse({ active: true, displays: { count: 2, secondary: 1, at: 1 } }).success).toBe(true);
      expect(response.safeParse({ active: false, displays: null }).success).toBe(true);
      expect(response.safeParse({ active: 'yes', displays: null }).success).toBe(false);
      expect(response.safeParse({ active: true, displays: { count: 0, secondary: 0, at: 1 } }).success).toBe(false);
    }
  });

  it('requires the input context to be exactly one boolean', () => {
    const schema = ipcContract['kiosk:set-input-context'].request;
    expect(schema.safeParse({ inAnswerField: true }).success).toBe(true);
    for (const bad of [undefined, {}, { inAnswerField: 'true' }, { inAnswerField: true, allowAll: true }]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('ipc events (main to renderer)', () => {
  it('defines exactly the events listed in channels.ts, none of them an invoke channel', () => {
    expect(Object.keys(ipcEvents).sort()).toEqual([...IPC_EVENTS].sort());
    for (const event of IPC_EVENTS) {
      expect(isIpcEvent(event)).toBe(true);
      expect(isIpcChannel(event)).toBe(false);
    }
    expect(isIpcEvent('kiosk:enter')).toBe(false);
  });

  it('validates focus-loss reports', () => {
    const schema = ipcEvents['kiosk:focus-loss'];
    expect(schema.safeParse({ type: 'tab_switch', startedAt: 1_700_000_000_000, durationSeconds: 4.25 }).success).toBe(
      true,
    );
    expect(schema.safeParse({ type: 'no_face', startedAt: 1, durationSeconds: 1 }).success).toBe(false);
    expect(schema.safeParse({ type: 'window_blur', startedAt: 1, durationSeconds: -1 }).success).toBe(false);
    expect(schema.safeParse({ type: 'window_blur', startedAt: 1.5, durationSeconds: 1 }).success).toBe(false);
  });

  it('validates display reports: at least one display, and secondary ones counted separately', () => {
    const schema = ipcEvents['kiosk:display-report'];
    expect(schema.safeParse({ count: 3, secondary: 2, at: 5 }).success).toBe(true);
    expect(schema.safeParse({ count: 0, secondary: 0, at: 5 }).success).toBe(false);
    expect(schema.safeParse({ count: 2, secondary: 1 }).success).toBe(false);
  });

  it('validates blocked-input reports', () => {
    const schema = ipcEvents['kiosk:blocked-input'];
    expect(schema.safeParse({ policy: 'block-reload', shortcut: 'Ctrl+R', at: 5 }).success).toBe(true);
    expect(schema.safeParse({ policy: 'block-everything', shortcut: 'Ctrl+R', at: 5 }).success).toBe(false);
    expect(schema.safeParse({ policy: 'block-reload', shortcut: '', at: 5 }).success).toBe(false);
  });
});
