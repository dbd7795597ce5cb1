import { describe, expect, it, vi } from 'vitest';
import type { IpcChannel } from '@shared/ipc/channels';
import { createBridge } from './bridge';

describe('createBridge', () => {
  it('forwards contract channels with exactly one argument', async () => {
    const invoke = vi.fn(async () => ({ value: null }));
    const bridge = createBridge(invoke, 'linux');
    await expect(bridge.invoke('secure-store:get', { key: 'db_key' })).resolves.toEqual({ value: null });
    await bridge.invoke('app:get-info');
    expect(invoke.mock.calls).toEqual([
      ['secure-store:get', { key: 'db_key' }],
      ['app:get-info', undefined],
    ]);
    expect(bridge.platform).toBe('linux');
  });

  it('refuses channels outside the contract without touching IPC', async () => {
    const invoke = vi.fn(async () => undefined);
    const bridge = createBridge(invoke, 'win32');
    await expect(bridge.invoke('ELECTRON_BROWSER_REQUIRE' as IpcChannel)).rejects.toThrow(
      /unknown channel "ELECTRON_BROWSER_REQUIRE"/,
    );
    await expect(bridge.invoke({ toString: () => 'app:get-info' } as unknown as IpcChannel)).rejects.toThrow(
      /unknown channel/,
    );
    expect(invoke).not.toHaveBeenCalled();
  });

  it('is frozen, so page script cannot swap invoke', () => {
    const bridge = createBridge(vi.fn(), 'darwin');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'platform']);
  });

  it('types requests and responses from the contract (checked by tsc)', async () => {
    const bridge = createBridge(async () => ({ value: 'v' }), 'linux');
    const stored: { value: string | null } = await bridge.invoke('secure-store:get', { key: 'refresh_token' });
    expect(stored.value).toBe('v');
    // @ts-expect-error -- 'password' is not a secure-store key
    await bridge.invoke('secure-store:get', { key: 'password' });
    // @ts-expect-error -- set-fullscreen needs its request
    await bridge.invoke('window:set-fullscreen');
    // @ts-expect-error -- not a channel
    await bridge.invoke('fs:read', undefined).catch(() => undefined);
  });
});
