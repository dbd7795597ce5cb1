import type { AssistTenBridge } from '@shared/ipc/bridge';
import { isIpcChannel } from '@shared/ipc/channels';

/*
 * Builds the object exposed as window.assistTen. Only contract channels pass,
 * and exactly one argument is forwarded, so page script cannot turn the
 * bridge into a raw ipcRenderer. Main validates everything again: this check
 * just fails fast and keeps unknown channel names off the wire.
 */

export type RawInvoke = (channel: string, request: unknown) => Promise<unknown>;

export function createBridge(invoke: RawInvoke, platform: string): AssistTenBridge {
  const bridge = {
    invoke(channel: unknown, request?: unknown): Promise<unknown> {
      if (!isIpcChannel(channel)) {
        return Promise.reject(new Error(`assistTen.invoke: unknown channel "${String(channel)}"`));
      }
      return invoke(channel, request);
    },
    platform,
  };
  // The generic signature is enforced by the contract types; at run time any channel string arrives.
  return Object.freeze(bridge) as AssistTenBridge;
}
