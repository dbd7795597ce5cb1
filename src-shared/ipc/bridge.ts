import type { IpcChannel, IpcEvent } from './channels';
import type { IpcRequest, IpcResponse } from './contract';
import type { IpcEventPayload } from './events';

/*
 * The shape of `window.assistTen`, which the Electron preload exposes. In a
 * plain browser (the web build) there is no preload, so renderer code must go
 * through `getBridge()` and cope with `undefined`.
 */

/** Channels whose request is `undefined` may be invoked without a second argument. */
export type IpcInvokeArgs<C extends IpcChannel> =
  undefined extends IpcRequest<C> ? [request?: IpcRequest<C>] : [request: IpcRequest<C>];

export interface AssistTenBridge {
  invoke<C extends IpcChannel>(channel: C, ...args: IpcInvokeArgs<C>): Promise<IpcResponse<C>>;
  /** Listens to a message main pushes; returns the function that stops listening. */
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
  /** `process.platform` of the host, e.g. 'win32', 'darwin', 'linux'. */
  readonly platform: string;
}

export const BRIDGE_GLOBAL_NAME = 'assistTen';

declare global {
  interface Window {
    assistTen?: AssistTenBridge;
  }
}

export function getBridge(): AssistTenBridge | undefined {
  // globalThis rather than window: this module also compiles (and is tested) without DOM types.
  return (globalThis as { assistTen?: AssistTenBridge }).assistTen;
}
