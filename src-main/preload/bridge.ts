import type { AssistTenBridge } from '@shared/ipc/bridge';
import { isIpcChannel, isIpcEvent } from '@shared/ipc/channels';

/*
 * Builds the object exposed as window.assistTen. Only contract channels pass,
 * and exactly one argument is forwarded, so page script cannot turn the
 * bridge into a raw ipcRenderer. Main validates everything again: this check
 * just fails fast and keeps unknown channel names off the wire.
 *
 * Messages from main reach a listener as their payload alone: the Electron
 * event (and with it `sender`, a raw ipcRenderer) never crosses into the page.
 */

export type RawInvoke = (channel: string, request: unknown) => Promise<unknown>;
/** Subscribes to a main-to-renderer message; returns the unsubscribe function. */
export type RawSubscribe = (event: string, listener: (payload: unknown) => void) => () => void;

export function createBridge(invoke: RawInvoke, platform: string, subscribe: RawSubscribe): AssistTenBridge {
  const bridge = {
    invoke(channel: unknown, request?: unknown): Promise<unknown> {
      if (!isIpcChannel(channel)) {
        return Promise.reject(new Error(`assistTen.invoke: unknown channel "${String(channel)}"`));
      }
      return invoke(channel, request);
    },
    on(event: unknown, listener: unknown): () => void {
      if (!isIpcEvent(event)) throw new Error(`assistTen.on: unknown event "${String(event)}"`);
      if (typeof listener !== 'function') throw new Error('assistTen.on: listener must be a function');
      return subscribe(event, (payload) => (listener as (payload: unknown) => void)(payload));
    },
    platform,
  };
  // The generic signature is enforced by the contract types; at run time any channel string arrives.
  return Object.freeze(bridge) as AssistTenBridge;
}
