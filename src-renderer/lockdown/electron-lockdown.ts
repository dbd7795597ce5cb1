import type { AssistTenBridge } from '@shared/ipc/bridge';
import { listenerSet } from './listeners';
import { installPageGuards } from './page-guards';
import type { LockdownBackend, LockdownEvent, LockdownState } from './types';

/*
 * Lockdown in the desktop app: main applies kiosk mode and the input policy
 * (kiosk:enter / kiosk:exit) and pushes focus losses, display reports and
 * refused shortcuts back. The page adds only what lives in the page: the
 * context menu, clipboard events, and telling main where focus is.
 */

export function createElectronLockdown(bridge: AssistTenBridge, target: Window = window): LockdownBackend {
  let removeGuards: (() => void) | null = null;
  const eventListeners = listenerSet<LockdownEvent>();
  let stopBlocked: (() => void) | null = null;

  return {
    async enter(): Promise<LockdownState> {
      removeGuards ??= installPageGuards(target, {
        keys: false,
        beforeUnload: false,
        onAnswerFocusChange: (inAnswerField) => {
          bridge.invoke('kiosk:set-input-context', { inAnswerField }).catch((error: unknown) => {
            console.error('[lockdown] could not update the input context:', error);
          });
        },
      });
      const status = await bridge.invoke('kiosk:enter');
      return { mode: 'electron', reduced: false, fullscreen: true, keyboardLocked: true, displays: status.displays };
    },

    async exit(): Promise<void> {
      await bridge.invoke('kiosk:exit');
      removeGuards?.();
      removeGuards = null;
    },

    watchFocus: (listener) => bridge.on('kiosk:focus-loss', listener),
    watchDisplays: (listener) => bridge.on('kiosk:display-report', listener),
    watchEvents(listener) {
      const stop = eventListeners.add(listener);
      stopBlocked ??= bridge.on('kiosk:blocked-input', (blocked) =>
        eventListeners.emit({ type: 'blocked_shortcut', ...blocked }),
      );
      return () => {
        stop();
        if (eventListeners.size === 0) {
          stopBlocked?.();
          stopBlocked = null;
        }
      };
    },
  };
}
