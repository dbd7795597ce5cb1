import { describe, expect, it, vi } from 'vitest';
import type { SecureStore } from '../secure-store/secure-store';
import { createIpcHandlers, type IpcHandlerDeps } from './handlers';

type Event = { id: number };

function deps(overrides: Partial<IpcHandlerDeps<Event>> = {}) {
  const store: SecureStore = {
    get: vi.fn(async () => 'token'),
    set: vi.fn(async () => undefined),
    delete: vi.fn(async () => undefined),
  };
  const window = { setFullScreen: vi.fn() };
  const all: IpcHandlerDeps<Event> = {
    appInfo: () => ({
      name: 'n',
      version: '1',
      platform: 'linux',
      arch: 'x64',
      electronVersion: 'e',
      chromeVersion: 'c',
      isPackaged: true,
    }),
    serverUrl: 'https://sync.example.com',
    windowOf: vi.fn(() => window),
    secureStore: store,
    clearClipboard: vi.fn(),
    openExternal: vi.fn(async () => undefined),
    kiosk: {
      enter: vi.fn(() => ({ active: true, displays: { count: 2, secondary: 1, at: 10 } })),
      exit: vi.fn(() => ({ active: false, displays: null })),
      status: vi.fn(() => ({ active: false, displays: null })),
      setInputContext: vi.fn(),
    },
    ...overrides,
  };
  return { all, store, window, handlers: createIpcHandlers(all) };
}

describe('createIpcHandlers', () => {
  it('sets fullscreen on the window that asked', async () => {
    const { all, window, handlers } = deps();
    await expect(handlers['window:set-fullscreen']({ fullscreen: true }, { id: 7 })).resolves.toEqual({
      fullscreen: true,
    });
    expect(all.windowOf).toHaveBeenCalledWith({ id: 7 });
    expect(window.setFullScreen).toHaveBeenCalledWith(true);
  });

  it('fails clearly when the asking window is gone', async () => {
    const { handlers } = deps({ windowOf: () => null });
    await expect(handlers['window:set-fullscreen']({ fullscreen: false }, { id: 1 })).rejects.toThrow(
      /no longer exists/,
    );
  });

  it('delegates the secure store', async () => {
    const { store, handlers } = deps();
    await expect(handlers['secure-store:get']({ key: 'refresh_token' }, { id: 1 })).resolves.toEqual({
      value: 'token',
    });
    await handlers['secure-store:set']({ key: 'db_key', value: 'k' }, { id: 1 });
    await handlers['secure-store:delete']({ key: 'device_id' }, { id: 1 });
    expect(store.set).toHaveBeenCalledWith('db_key', 'k');
    expect(store.delete).toHaveBeenCalledWith('device_id');
  });

  it('re-checks external URLs at the point of use', async () => {
    const { all, handlers } = deps();
    await handlers['shell:open-external']({ url: 'https://assistten.io/' }, { id: 1 });
    expect(all.openExternal).toHaveBeenCalledWith('https://assistten.io/');
    await expect(handlers['shell:open-external']({ url: 'file:///bin/sh' }, { id: 1 })).rejects.toThrow(/not allowed/);
    expect(all.openExternal).toHaveBeenCalledTimes(1);
  });

  it('returns the server URL and clears the clipboard', async () => {
    const { all, handlers } = deps();
    await expect(handlers['app:get-server-url'](undefined, { id: 1 })).resolves.toEqual({
      url: 'https://sync.example.com',
    });
    await handlers['clipboard:clear'](undefined, { id: 1 });
    expect(all.clearClipboard).toHaveBeenCalledOnce();
  });

  it('hands kiosk requests to the kiosk of the asking window', async () => {
    const { all, handlers } = deps();
    await expect(handlers['kiosk:enter'](undefined, { id: 3 })).resolves.toEqual({
      active: true,
      displays: { count: 2, secondary: 1, at: 10 },
    });
    await handlers['kiosk:set-input-context']({ inAnswerField: true }, { id: 3 });
    await expect(handlers['kiosk:exit'](undefined, { id: 3 })).resolves.toEqual({ active: false, displays: null });
    expect(all.kiosk.enter).toHaveBeenCalledWith({ id: 3 });
    expect(all.kiosk.setInputContext).toHaveBeenCalledWith({ id: 3 }, true);
    expect(all.kiosk.exit).toHaveBeenCalledWith({ id: 3 });
  });
});
