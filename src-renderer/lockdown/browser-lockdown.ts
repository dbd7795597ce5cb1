import { enforces } from '@shared/lockdown/enforcement';
import { createFocusTracker } from '@shared/lockdown/focus-tracker';
import { listenerSet } from './listeners';
import { installPageGuards } from './page-guards';
import type { DisplayReport, FocusLossEvent, LockdownBackend, LockdownEvent, LockdownState } from './types';

/*
 * The reduced lockdown of the browser build: what a web page may do. The
 * Fullscreen API (which needs a user gesture, so enterLockdown must run from
 * a click), the Keyboard Lock API where Chromium offers it (in fullscreen it
 * captures Escape, Alt+Tab on some systems, Ctrl+W/T/N), the page guards,
 * focus and visibility events, and `screen.isExtended` for a second display.
 * A browser cannot stay on top, cover other screens, block capture, keep the
 * display awake or clear the clipboard: ReducedLockdownNotice says so.
 */

interface KeyboardLock {
  lock(keys?: string[]): Promise<void>;
  unlock(): void;
}

/** Chromium's Screen.isExtended; absent elsewhere. */
type ScreenWithExtended = Screen & Partial<EventTarget> & { isExtended?: boolean };

/**
 * What this backend does itself (the page guards claim theirs): fullscreen, with its exit reported; the Keyboard
 * Lock, which in fullscreen captures Ctrl+W/T/N and some system keys; a second display reported; focus losses.
 */
export const LOCKDOWN_ENFORCED = enforces('browser', [
  'fullscreen',
  'block-close',
  'block-new-window',
  'system-keys',
  'all-displays',
  'focus-loss',
]);

export function createBrowserLockdown(target: Window = window, now: () => number = Date.now): LockdownBackend {
  const doc = target.document;
  const focusListeners = listenerSet<FocusLossEvent>();
  const displayListeners = listenerSet<DisplayReport>();
  const eventListeners = listenerSet<LockdownEvent>();
  let teardown: (() => void) | null = null;
  let stopTracker: (() => void) | null = null;

  /** Runs while anyone watches focus: window blur/focus and page visibility, through the shared tracker. */
  function startFocusTracker(): () => void {
    const tracker = createFocusTracker((loss) => focusListeners.emit(loss), {
      focused: doc.hasFocus(),
      visible: doc.visibilityState === 'visible',
    });
    const onBlur = () => tracker.signal('blur', now());
    const onFocus = () => tracker.signal('focus', now());
    const onVisibility = () => tracker.signal(doc.visibilityState === 'visible' ? 'visible' : 'hidden', now());
    target.addEventListener('blur', onBlur);
    target.addEventListener('focus', onFocus);
    doc.addEventListener('visibilitychange', onVisibility);
    return () => {
      target.removeEventListener('blur', onBlur);
      target.removeEventListener('focus', onFocus);
      doc.removeEventListener('visibilitychange', onVisibility);
    };
  }

  const displayReport = (): DisplayReport | null => {
    const extended = (target.screen as ScreenWithExtended).isExtended;
    // Without the Window Management permission a page only learns "more than one", not how many.
    return extended === undefined ? null : { count: extended ? 2 : 1, secondary: extended ? 1 : 0, at: now() };
  };

  async function requestFullscreen(): Promise<boolean> {
    if (doc.fullscreenElement) return true;
    try {
      await doc.documentElement.requestFullscreen({ navigationUI: 'hide' });
      return true;
    } catch {
      return false;
    }
  }

  async function lockKeyboard(fullscreen: boolean): Promise<boolean> {
    const keyboard = (target.navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;
    if (!fullscreen || typeof keyboard?.lock !== 'function') return false;
    try {
      await keyboard.lock();
      return true;
    } catch {
      return false;
    }
  }

  return {
    async enter(): Promise<LockdownState> {
      if (!teardown) {
        const removers: (() => void)[] = [
          installPageGuards(target, {
            keys: true,
            beforeUnload: true,
            onBlocked: (blocked) => eventListeners.emit({ type: 'blocked_shortcut', ...blocked, at: now() }),
          }),
        ];
        const onFullscreenChange = () => {
          if (!doc.fullscreenElement) eventListeners.emit({ type: 'fullscreen_exit', at: now() });
        };
        doc.addEventListener('fullscreenchange', onFullscreenChange);
        removers.push(() => doc.removeEventListener('fullscreenchange', onFullscreenChange));

        const screen = target.screen as ScreenWithExtended;
        if (typeof screen.addEventListener === 'function') {
          const onScreenChange = () => {
            const report = displayReport();
            if (report) displayListeners.emit(report);
          };
          screen.addEventListener('change', onScreenChange);
          removers.push(() => screen.removeEventListener?.('change', onScreenChange));
        }
        teardown = () => {
          for (const remove of removers.splice(0)) remove();
        };
      }
      const fullscreen = await requestFullscreen();
      const keyboardLocked = await lockKeyboard(fullscreen);
      const displays = displayReport();
      if (displays) displayListeners.emit(displays);
      return { mode: 'browser', reduced: true, fullscreen, keyboardLocked, displays };
    },

    async exit(): Promise<void> {
      teardown?.();
      teardown = null;
      (target.navigator as Navigator & { keyboard?: KeyboardLock }).keyboard?.unlock?.();
      if (doc.fullscreenElement) await doc.exitFullscreen().catch(() => undefined);
    },

    watchFocus(listener) {
      const stop = focusListeners.add(listener);
      stopTracker ??= startFocusTracker();
      return () => {
        stop();
        if (focusListeners.size === 0) {
          stopTracker?.();
          stopTracker = null;
        }
      };
    },

    watchDisplays: (listener) => displayListeners.add(listener),
    watchEvents: (listener) => eventListeners.add(listener),
  };
}
