// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssistTenBridge } from '@shared/ipc/bridge';
import type { IpcEvent } from '@shared/ipc/channels';
import { createElectronLockdown } from './electron-lockdown';

function fakeBridge() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const invoke = vi.fn(async (channel: string) => {
    if (channel === 'kiosk:enter') return { active: true, displays: { count: 2, secondary: 1, at: 5 } };
    if (channel === 'kiosk:exit') return { active: false, displays: null };
    return undefined;
  });
  const bridge = {
    invoke,
    platform: 'linux',
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as AssistTenBridge;
  const push = (event: IpcEvent, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { bridge, invoke, push, listeners };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('createElectronLockdown', () => {
  it('enters kiosk mode in main and reports the full lockdown with its displays', async () => {
    const { bridge, invoke } = fakeBridge();
    const lockdown = createElectronLockdown(bridge);
    await expect(lockdown.enter()).resolves.toEqual({
      mode: 'electron',
      reduced: false,
      fullscreen: true,
      keyboardLocked: true,
      displays: { count: 2, secondary: 1, at: 5 },
    });
    expect(invoke).toHaveBeenCalledWith('kiosk:enter');
    expect(invoke).toHaveBeenCalledWith('kiosk:set-input-context', { inAnswerField: false });
    await lockdown.exit();
  });

  it('keeps main told where focus is, and removes the page guards on exit', async () => {
    document.body.innerHTML = '<textarea data-answer-field id="a"></textarea><p id="q">Question</p>';
    const { bridge, invoke } = fakeBridge();
    const lockdown = createElectronLockdown(bridge);
    await lockdown.enter();
    document.getElementById('a')!.focus();
    expect(invoke).toHaveBeenLastCalledWith('kiosk:set-input-context', { inAnswerField: true });
    const copy = new Event('copy', { bubbles: true, cancelable: true });
    document.getElementById('q')!.dispatchEvent(copy);
    expect(copy.defaultPrevented).toBe(true);

    await lockdown.exit();
    expect(invoke).toHaveBeenLastCalledWith('kiosk:exit');
    const later = new Event('copy', { bubbles: true, cancelable: true });
    document.getElementById('q')!.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
  });

  it('passes focus losses, display reports and refused shortcuts from main to the exam', () => {
    const { bridge, push, listeners } = fakeBridge();
    const lockdown = createElectronLockdown(bridge);
    const focus = vi.fn();
    const displays = vi.fn();
    const events = vi.fn();
    const stopFocus = lockdown.watchFocus(focus);
    lockdown.watchDisplays(displays);
    const stopEvents = lockdown.watchEvents(events);
    push('kiosk:focus-loss', { type: 'window_blur', startedAt: 1, durationSeconds: 2 });
    push('kiosk:display-report', { count: 2, secondary: 1, at: 3 });
    push('kiosk:blocked-input', { policy: 'block-reload', shortcut: 'Ctrl+R', at: 4 });
    expect(focus).toHaveBeenCalledWith({ type: 'window_blur', startedAt: 1, durationSeconds: 2 });
    expect(displays).toHaveBeenCalledWith({ count: 2, secondary: 1, at: 3 });
    expect(events).toHaveBeenCalledWith({
      type: 'blocked_shortcut',
      policy: 'block-reload',
      shortcut: 'Ctrl+R',
      at: 4,
    });

    stopFocus();
    stopEvents();
    expect(listeners.get('kiosk:focus-loss')!.size).toBe(0);
    expect(listeners.get('kiosk:blocked-input')!.size).toBe(0);
  });
});
