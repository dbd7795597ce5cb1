import type { IpcEvent } from '@shared/ipc/channels';
import { ipcEvents, type IpcEventPayload } from '@shared/ipc/events';
import { describeIssues } from './register-ipc-handlers';

/*
 * The one way main pushes a message to a renderer: the payload is checked
 * against the event's schema first, so the renderer can rely on the contract
 * as much as main relies on it for requests.
 */

export interface EventTarget {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

export function sendIpcEvent<E extends IpcEvent>(target: EventTarget, event: E, payload: IpcEventPayload<E>): void {
  const checked = ipcEvents[event].safeParse(payload);
  if (!checked.success) {
    throw new Error(`Invalid payload for IPC event "${event}": ${describeIssues(checked.error.issues)}`);
  }
  // A window closing mid-exam is not an error: there is simply no one left to tell.
  if (target.isDestroyed()) return;
  target.send(event, checked.data);
}
