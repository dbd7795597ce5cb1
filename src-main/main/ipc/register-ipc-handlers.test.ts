import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '@shared/ipc/channels';
import { APP_ORIGIN, isOwnOrigin } from '../policies/app-origin';
import { createIpcDispatcher, registerIpcHandlers, type IpcHandlers, type IpcMainLike } from './register-ipc-handlers';

interface FakeEvent {
  senderFrame: { url: string } | null;
}

/** Mimics ipcMain: handle() registers, invoke() behaves like a renderer's ipcRenderer.invoke. */
class FakeIpcMain implements IpcMainLike<FakeEvent> {
  readonly listeners = new Map<string, (event: FakeEvent, ...args: unknown[]) => Promise<unknown>>();

  handle(channel: string, listener: (event: FakeEvent, ...args: unknown[]) => Promise<unknown>): void {
    if (this.listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }

  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  }
}

const ownPage = 'app://assist-ten/index.html';

function fakeHandlers(): IpcHandlers<FakeEvent> {
  return {
    'app:get-info': vi.fn(async () => ({
      name: 'Assist-Ten Desktop',
      version: '0.1.0',
      platform: 'linux',
      arch: 'x64',
      electronVersion: '41.7.1',
      chromeVersion: '146.0.0.0',
      isPackaged: false,
    })),
    'app:get-server-url': vi.fn(async () => ({ url: 'http://127.0.0.1:8787' })),
    'window:set-fullscreen': vi.fn(async ({ fullscreen }) => ({ fullscreen })),
    'secure-store:get': vi.fn(async () => ({ value: 'secret' })),
    'secure-store:set': vi.fn(async () => undefined),
    'secure-store:delete': vi.fn(async () => undefined),
    'clipboard:clear': vi.fn(async () => undefined),
    'shell:open-external': vi.fn(async () => undefined),
    'kiosk:enter': vi.fn(async () => ({ active: true, displays: { count: 1, secondary: 0, at: 1 } })),
    'kiosk:exit': vi.fn(async () => ({ active: false, displays: null })),
    'kiosk:status': vi.fn(async () => ({ active: false, displays: null })),
    'kiosk:set-input-context': vi.fn(async () => undefined),
  };
}

function setup(handlers = fakeHandlers()) {
  const ipcMain = new FakeIpcMain();
  const onError = vi.fn();
  registerIpcHandlers(ipcMain, handlers, { isTrustedSender: (url) => isOwnOrigin(url, APP_ORIGIN), onError });
  return { ipcMain, handlers, onError };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.listeners.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('passes valid input to the handler and returns its result', async () => {
    const { ipcMain, handlers } = setup();
    await expect(ipcMain.invoke('window:set-fullscreen', ownPage, { fullscreen: true })).resolves.toEqual({
      fullscreen: true,
    });
    expect(handlers['window:set-fullscreen']).toHaveBeenCalledWith(
      { fullscreen: true },
      { senderFrame: { url: ownPage } },
    );
  });

  it('accepts a call without argument on channels that take none', async () => {
    const { ipcMain } = setup();
    await expect(ipcMain.invoke('app:get-server-url', ownPage)).resolves.toEqual({ url: 'http://127.0.0.1:8787' });
  });

  it('refuses bad input with a message naming the field and rule, without calling the handler', async () => {
    const { ipcMain, handlers, onError } = setup();
    await expect(ipcMain.invoke('window:set-fullscreen', ownPage, { fullscreen: 'yes' })).rejects.toThrow(
      /Invalid request for "window:set-fullscreen": fullscreen: .*expected boolean/,
    );
    await expect(ipcMain.invoke('secure-store:set', ownPage, { key: 'password', value: 'x' })).rejects.toThrow(
      /key: .*refresh_token/,
    );
    await expect(
      ipcMain.invoke('secure-store:set', ownPage, { key: 'db_key', value: 'é'.repeat(4097) }),
    ).rejects.toThrow(/value: must be at most 8192 bytes/);
    await expect(ipcMain.invoke('shell:open-external', ownPage, { url: 'file:///etc/passwd' })).rejects.toThrow(
      /url: must be an https: or mailto: URL/,
    );
    expect(handlers['window:set-fullscreen']).not.toHaveBeenCalled();
    expect(handlers['secure-store:set']).not.toHaveBeenCalled();
    expect(handlers['shell:open-external']).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(4);
  });

  it('refuses unknown properties and extra arguments', async () => {
    const { ipcMain, handlers } = setup();
    await expect(ipcMain.invoke('secure-store:get', ownPage, { key: 'db_key', extra: 1 })).rejects.toThrow(/extra/);
    await expect(ipcMain.invoke('secure-store:get', ownPage, { key: 'db_key' }, 'second')).rejects.toThrow(
      /one argument/,
    );
    await expect(ipcMain.invoke('app:get-info', ownPage, { sneaky: true })).rejects.toThrow(
      /Invalid request for "app:get-info"/,
    );
    expect(handlers['secure-store:get']).not.toHaveBeenCalled();
    expect(handlers['app:get-info']).not.toHaveBeenCalled();
  });

  it('refuses senders outside the app origin', async () => {
    const { ipcMain, handlers } = setup();
    for (const frame of ['https://evil.example/', 'file:///tmp/x.html', 'app://assist-ten.evil/', null]) {
      await expect(ipcMain.invoke('secure-store:get', frame, { key: 'refresh_token' })).rejects.toThrow(/not the app/);
    }
    expect(handlers['secure-store:get']).not.toHaveBeenCalled();
  });

  it('rejects a handler result that breaks the contract', async () => {
    const handlers = fakeHandlers();
    handlers['secure-store:get'] = async () => ({ value: 42 }) as unknown as { value: string };
    const { ipcMain } = setup(handlers);
    await expect(ipcMain.invoke('secure-store:get', ownPage, { key: 'db_key' })).rejects.toThrow(
      /Handler for "secure-store:get" returned an invalid response: value/,
    );
  });

  it('refuses a handler map with channels outside the contract', () => {
    const handlers = { ...fakeHandlers(), 'fs:read': async () => 'x' } as IpcHandlers<FakeEvent>;
    expect(() => registerIpcHandlers(new FakeIpcMain(), handlers, { isTrustedSender: () => true })).toThrow(/fs:read/);
  });

  it('makes a missing handler a type error, and refuses it at run time too', () => {
    const { 'clipboard:clear': _omitted, ...incomplete } = fakeHandlers();
    // @ts-expect-error -- 'clipboard:clear' is missing from the map
    const handlers: IpcHandlers<FakeEvent> = incomplete;
    expect(() => registerIpcHandlers(new FakeIpcMain(), handlers, { isTrustedSender: () => true })).toThrow(
      /No handler for IPC channels: clipboard:clear/,
    );
  });
});

describe('createIpcDispatcher', () => {
  it('refuses unknown channels before looking at the sender', async () => {
    const dispatch = createIpcDispatcher(fakeHandlers(), { isTrustedSender: () => true });
    await expect(dispatch('fs:read-file', { senderFrame: { url: ownPage } }, ['/etc/passwd'])).rejects.toThrow(
      'Unknown IPC channel "fs:read-file"',
    );
    await expect(dispatch('__proto__', { senderFrame: { url: ownPage } }, [])).rejects.toThrow(/Unknown IPC channel/);
  });
});
