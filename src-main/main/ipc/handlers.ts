import type { AppInfo, KioskStatus } from '@shared/ipc/contract';
import { isAllowedExternalUrl } from '@shared/ipc/external-url';
import type { SecureStore } from '../secure-store/secure-store';
import type { IpcHandlers } from './register-ipc-handlers';

/*
 * The implementation of every IPC channel. The Electron objects it needs are
 * passed in, narrowed to what is used, so the handlers run in plain Node tests.
 */

export interface FullscreenWindow {
  setFullScreen(flag: boolean): void;
}

export interface IpcHandlerDeps<E> {
  appInfo: () => AppInfo;
  serverUrl: string;
  /** The window that sent the request, or null when it is gone. */
  windowOf: (event: E) => FullscreenWindow | null;
  secureStore: SecureStore;
  clearClipboard: () => void;
  openExternal: (url: string) => Promise<void>;
  /** Kiosk exam mode of the requesting window (kiosk/kiosk-controller, bound to the sender's window). */
  kiosk: KioskIpc<E>;
}

export interface KioskIpc<E> {
  enter(event: E): KioskStatus;
  exit(event: E): KioskStatus;
  status(event: E): KioskStatus;
  setInputContext(event: E, inAnswerField: boolean): void;
}

export function createIpcHandlers<E>(deps: IpcHandlerDeps<E>): IpcHandlers<E> {
  return {
    'app:get-info': async () => deps.appInfo(),
    'app:get-server-url': async () => ({ url: deps.serverUrl }),
    'window:set-fullscreen': async ({ fullscreen }, event) => {
      const window = deps.windowOf(event);
      if (window === null) throw new Error('window:set-fullscreen: the requesting window no longer exists');
      window.setFullScreen(fullscreen);
      // The requested state, not isFullScreen(): on macOS the transition animates and reads false for a while.
      return { fullscreen };
    },
    'secure-store:get': async ({ key }) => ({ value: await deps.secureStore.get(key) }),
    'secure-store:set': async ({ key, value }) => {
      await deps.secureStore.set(key, value);
      return undefined;
    },
    'secure-store:delete': async ({ key }) => {
      await deps.secureStore.delete(key);
      return undefined;
    },
    'clipboard:clear': async () => {
      deps.clearClipboard();
      return undefined;
    },
    'shell:open-external': async ({ url }) => {
      // The contract already checked this; the OS hand-off is privileged enough to check again at the point of use.
      if (!isAllowedExternalUrl(url)) throw new Error('shell:open-external: URL not allowed');
      await deps.openExternal(url);
      return undefined;
    },
    'kiosk:enter': async (_request, event) => deps.kiosk.enter(event),
    'kiosk:exit': async (_request, event) => deps.kiosk.exit(event),
    'kiosk:status': async (_request, event) => deps.kiosk.status(event),
    'kiosk:set-input-context': async ({ inAnswerField }, event) => {
      deps.kiosk.setInputContext(event, inAnswerField);
      return undefined;
    },
  };
}
