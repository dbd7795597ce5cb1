import type { z } from 'zod';
import { IPC_CHANNELS, isIpcChannel, type IpcChannel } from '@shared/ipc/channels';
import { ipcContract, type IpcParsedRequest, type IpcResponse } from '@shared/ipc/contract';

/*
 * The single entry point from renderer to main. Every invoke goes through the
 * same gate, in this order: known channel, trusted sender, valid request,
 * handler, valid response. Handlers therefore only ever see parsed input, and
 * a compromised or buggy renderer gets a precise refusal instead of reaching
 * privileged code.
 */

/** The parts of Electron's IpcMainInvokeEvent the gate reads; tests pass plain objects. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcMainLike<E extends InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
}

export type IpcHandler<C extends IpcChannel, E> = (request: IpcParsedRequest<C>, event: E) => Promise<IpcResponse<C>>;

export type IpcHandlers<E> = { [C in IpcChannel]: IpcHandler<C, E> };

export interface IpcGateOptions {
  /** Decides whether a frame URL belongs to the app (see policies/app-origin). */
  isTrustedSender: (frameUrl: string) => boolean;
  onError?: (channel: string, error: unknown) => void;
}

export class IpcRefusedError extends Error {
  override name = 'IpcRefusedError';
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(request)'}: ${issue.message}`)
    .join('; ');
}

/** The gate as a plain function, so it can be exercised without any ipcMain. */
export function createIpcDispatcher<E extends InvokeEventLike>(handlers: IpcHandlers<E>, options: IpcGateOptions) {
  return async function dispatch(channel: string, event: E, args: readonly unknown[]): Promise<unknown> {
    if (!isIpcChannel(channel)) {
      throw new IpcRefusedError(`Unknown IPC channel "${channel}"`);
    }
    const frameUrl = event.senderFrame?.url;
    if (frameUrl === undefined || !options.isTrustedSender(frameUrl)) {
      throw new IpcRefusedError(`IPC "${channel}" refused: sender ${frameUrl ?? '(no frame)'} is not the app`);
    }
    if (args.length > 1) {
      throw new IpcRefusedError(`Invalid request for "${channel}": expected one argument, got ${args.length}`);
    }
    const { request: requestSchema, response: responseSchema } = ipcContract[channel];
    const parsed = requestSchema.safeParse(args[0]);
    if (!parsed.success) {
      throw new IpcRefusedError(`Invalid request for "${channel}": ${describeIssues(parsed.error.issues)}`);
    }
    // The map type guarantees handlers[channel] matches channel; TypeScript cannot follow that through a union.
    const handler = handlers[channel] as (request: unknown, event: E) => Promise<unknown>;
    const result = await handler(parsed.data, event);
    const checked = responseSchema.safeParse(result);
    if (!checked.success) {
      throw new Error(`Handler for "${channel}" returned an invalid response: ${describeIssues(checked.error.issues)}`);
    }
    return checked.data;
  };
}

export function registerIpcHandlers<E extends InvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  handlers: IpcHandlers<E>,
  options: IpcGateOptions,
): void {
  // The handler map is typed, but plain JavaScript or a cast could still add or drop keys at run time.
  const unexpected = Object.keys(handlers).filter((name) => !isIpcChannel(name));
  if (unexpected.length > 0) {
    throw new Error(`Handlers for channels outside the IPC contract: ${unexpected.join(', ')}`);
  }
  const missing = IPC_CHANNELS.filter((channel) => typeof handlers[channel] !== 'function');
  if (missing.length > 0) {
    throw new Error(`No handler for IPC channels: ${missing.join(', ')}`);
  }
  const dispatch = createIpcDispatcher(handlers, options);
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, async (event, ...args) => {
      try {
        return await dispatch(channel, event, args);
      } catch (error) {
        options.onError?.(channel, error);
        throw error;
      }
    });
  }
}
