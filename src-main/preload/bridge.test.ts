import { describe, expect, it, vi } from 'vitest';
import type { IpcChannel, IpcEvent } from '@shared/ipc/channels';
import { createBridge, type RawSubscribe } from './bridge';

const noSubscribe: RawSubscribe = () => () => undefined;

describe('createBridge', () => {
  it('forwards contract channels with exactly one argument', async () => {
    const invoke = vi.fn(async () => ({ value: null }));
    const bridge = createBridge(invoke, 'linux', noSubscribe);
    await expect(bridge.invoke('secure-store:get', { key: 'db_key' })).resolves.toEqual({ value: null });
    await bridge.invoke('app:get-info');
    await bridge.invoke('kiosk:set-input-context', { inAnswerField: true });
    expect(invoke.mock.calls).toEqual([
      ['secure-store:get', { key: 'db_key' }],
      ['app:get-info', undefined],
      ['kiosk:set-input-context', { inAnswerField: true }],
    ]);
    expect(bridge.platform).toBe('linux');
  });

  it('refuses channels outside the contract without touching IPC', async () => {
    const invoke = vi.fn(async () => undefined);
    const bridge = createBridge(invoke, 'win32', noSubscribe);
    await expect(bridge.invoke('ELECTRON_BROWSER_REQUIRE' as IpcChannel)).rejects.toThrow(
      /unknown channel "ELECTRON_BROWSER_REQUIRE"/,
    );
    await expect(bridge.invoke({ toString: () => 'app:get-info' } as unknown as IpcChannel)).rejects.toThrow(
      /unknown channel/,
    );
    expect(invoke).not.toHaveBeenCalled();
  });

  it('hands listeners the payload of contract events only, and unsubscribes', () => {
    let deliver: ((payload: unknown) => void) | undefined;
    const unsubscribe = vi.fn();
    const subscribe = vi.fn<RawSubscribe>((_event, listener) => {
      deliver = listener;
      return unsubscribe;
    });
    const bridge = createBridge(vi.fn(), 'linux', subscribe);
    const received: unknown[] = [];
    const stop = bridge.on('kiosk:display-report', (report) => received.push(report));
    deliver!({ count: 2, secondary: 1, at: 5 });
    expect(received).toEqual([{ count: 2, secondary: 1, at: 5 }]);
    expect(subscribe.mock.calls[0]![0]).toBe('kiosk:display-report');
    stop();
    expect(unsubscribe).toHaveBeenCalledTimes(1);

    expect(() => bridge.on('ipc-message' as IpcEvent, () => undefined)).toThrow(/unknown event "ipc-message"/);
    expect(() => bridge.on('kiosk:focus-loss', 'alert(1)' as unknown as () => void)).toThrow(/must be a function/);
    expect(subscribe).toHaveBeenCalledTimes(1);
  });

  it('is frozen, so page script cannot swap invoke or on', () => {
    const bridge = createBridge(vi.fn(), 'darwin', noSubscribe);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on', 'platform']);
  });

  it('types requests and responses from the contract (checked by tsc)', async () => {
    const bridge = createBridge(async () => ({ value: 'v' }), 'linux', noSubscribe);
    const stored: { value: string | null } = await bridge.invoke('secure-store:get', { key: 'refresh_token' });
    expect(stored.value).toBe('v');
    // @ts-expect-error -- 'password' is not a secure-store key
    await bridge.invoke('secure-store:get', { key: 'password' });
    // @ts-expect-error -- set-fullscreen needs its request
    await bridge.invoke('window:set-fullscreen');
    // @ts-expect-error -- not a channel
    await bridge.invoke('fs:read', undefined).catch(() => undefined);
    // @ts-expect-error -- a focus-loss payload has no `count`
    bridge.on('kiosk:focus-loss', (loss) => loss.count);
  });
});
