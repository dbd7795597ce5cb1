// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserLockdown } from './browser-lockdown';

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

afterEach(() => {
  visibility = 'visible';
  vi.restoreAllMocks();
});

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('createBrowserLockdown', () => {
  it('reports a tab switch (the page hidden) as one tab_switch with its duration', () => {
    const time = clock();
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const lockdown = createBrowserLockdown(window, time.now);
    const losses = vi.fn();
    const stop = lockdown.watchFocus(losses);
    window.dispatchEvent(new Event('blur'));
    setVisibility('hidden');
    time.advance(4_000);
    setVisibility('visible');
    window.dispatchEvent(new Event('focus'));
    expect(losses.mock.calls).toEqual([[{ type: 'tab_switch', startedAt: 1_000, durationSeconds: 4 }]]);

    stop();
    window.dispatchEvent(new Event('blur'));
    window.dispatchEvent(new Event('focus'));
    expect(losses).toHaveBeenCalledTimes(1);
  });

  it('runs one tracker for several watchers and stops it with the last', () => {
    const time = clock();
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const lockdown = createBrowserLockdown(window, time.now);
    const a = vi.fn();
    const b = vi.fn();
    const stopA = lockdown.watchFocus(a);
    const stopB = lockdown.watchFocus(b);
    window.dispatchEvent(new Event('blur'));
    time.advance(1_500);
    window.dispatchEvent(new Event('focus'));
    expect(a).toHaveBeenCalledWith({ type: 'window_blur', startedAt: 1_000, durationSeconds: 1.5 });
    expect(b).toHaveBeenCalledTimes(1);
    stopA();
    stopB();
    const c = vi.fn();
    lockdown.watchFocus(c);
    window.dispatchEvent(new Event('blur'));
    window.dispatchEvent(new Event('focus'));
    expect(a).toHaveBeenCalledTimes(1);
    expect(c).toHaveBeenCalledTimes(1);
  });

  it('says it is reduced, and reports fullscreen refused without a user gesture', async () => {
    document.documentElement.requestFullscreen = vi.fn(() => Promise.reject(new TypeError('Permissions check failed')));
    const lockdown = createBrowserLockdown(window);
    await expect(lockdown.enter()).resolves.toMatchObject({
      mode: 'browser',
      reduced: true,
      fullscreen: false,
      keyboardLocked: false,
    });
    await lockdown.exit();
  });

  it('reports a second display where the browser tells (screen.isExtended)', async () => {
    Object.defineProperty(window.screen, 'isExtended', { configurable: true, value: true });
    document.documentElement.requestFullscreen = vi.fn(() => Promise.resolve());
    const lockdown = createBrowserLockdown(window, () => 7);
    const displays = vi.fn();
    lockdown.watchDisplays(displays);
    await expect(lockdown.enter()).resolves.toMatchObject({ displays: { count: 2, secondary: 1, at: 7 } });
    expect(displays).toHaveBeenCalledWith({ count: 2, secondary: 1, at: 7 });
    await lockdown.exit();
    Reflect.deleteProperty(window.screen, 'isExtended');
  });
});
