/*
 * The names of every IPC channel, with no dependencies. The preload imports
 * only this file: a sandboxed preload cannot load npm packages at run time,
 * so keeping zod out of it keeps the bridge tiny and self-contained.
 * `contract.ts` is type-checked against this list, so the two cannot drift.
 */

export const IPC_CHANNELS = [
  'app:get-info',
  'app:get-server-url',
  'window:set-fullscreen',
  'secure-store:get',
  'secure-store:set',
  'secure-store:delete',
  'clipboard:clear',
  'shell:open-external',
  'kiosk:enter',
  'kiosk:exit',
  'kiosk:status',
  'kiosk:set-input-context',
] as const;

export type IpcChannel = (typeof IPC_CHANNELS)[number];

const channelSet: ReadonlySet<string> = new Set(IPC_CHANNELS);

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && channelSet.has(value);
}

/** Messages main sends to the renderer (webContents.send); the renderer only listens. Payloads: events.ts. */
export const IPC_EVENTS = ['kiosk:focus-loss', 'kiosk:display-report', 'kiosk:blocked-input'] as const;

export type IpcEvent = (typeof IPC_EVENTS)[number];

const eventSet: ReadonlySet<string> = new Set(IPC_EVENTS);

export function isIpcEvent(value: unknown): value is IpcEvent {
  return typeof value === 'string' && eventSet.has(value);
}
