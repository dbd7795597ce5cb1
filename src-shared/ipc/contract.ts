import { z } from 'zod';
import type { IpcChannel } from './channels';
import { displayReportSchema } from './events';
import { EXTERNAL_URL_MAX_LENGTH, isAllowedExternalUrl } from './external-url';

/*
 * The one typed IPC contract between renderer, preload and main, in the
 * spirit of actualbudget/actual's single handler map: every channel names its
 * request and response schema here, the main process validates both sides
 * against them, and the TypeScript types of callers and handlers are derived
 * from the same schemas. Adding a channel means adding it to `channels.ts`,
 * here, and to the main handler map (a missing handler is a type error).
 */

/** Names the secure store accepts. A closed list, so the renderer cannot use it as a general key-value store. */
export const SECURE_STORE_KEYS = ['refresh_token', 'device_id', 'db_key', 'snapshot_key', 'exam_station'] as const;
export type SecureStoreKey = (typeof SECURE_STORE_KEYS)[number];

/** Upper bound for one secret, in UTF-8 bytes. Tokens and keys are far smaller; this stops misuse as bulk storage. */
export const SECURE_STORE_VALUE_MAX_BYTES = 8 * 1024;

const utf8 = new TextEncoder();

export function utf8ByteLength(value: string): number {
  return utf8.encode(value).byteLength;
}

const secureStoreKey = z.enum(SECURE_STORE_KEYS);
const secureStoreValue = z.string().refine((value) => utf8ByteLength(value) <= SECURE_STORE_VALUE_MAX_BYTES, {
  message: `must be at most ${SECURE_STORE_VALUE_MAX_BYTES} bytes (UTF-8)`,
});

const noRequest = z.undefined();
const noResponse = z.undefined();

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  electronVersion: z.string(),
  chromeVersion: z.string(),
  isPackaged: z.boolean(),
});

/** Kiosk (exam lockdown) state of the requesting window. */
export const kioskStatusSchema = z.strictObject({
  active: z.boolean(),
  /** Null until the displays were first looked at (kiosk never entered). */
  displays: displayReportSchema.nullable(),
});

export const ipcContract = {
  'app:get-info': { request: noRequest, response: appInfoSchema },
  'app:get-server-url': {
    request: noRequest,
    response: z.strictObject({ url: z.url({ protocol: /^https?$/ }) }),
  },
  'window:set-fullscreen': {
    request: z.strictObject({ fullscreen: z.boolean() }),
    response: z.strictObject({ fullscreen: z.boolean() }),
  },
  'secure-store:get': {
    request: z.strictObject({ key: secureStoreKey }),
    response: z.strictObject({ value: z.string().nullable() }),
  },
  'secure-store:set': {
    request: z.strictObject({ key: secureStoreKey, value: secureStoreValue }),
    response: noResponse,
  },
  'secure-store:delete': {
    request: z.strictObject({ key: secureStoreKey }),
    response: noResponse,
  },
  'clipboard:clear': { request: noRequest, response: noResponse },
  'shell:open-external': {
    request: z.strictObject({
      url: z
        .string()
        .max(EXTERNAL_URL_MAX_LENGTH)
        .refine(isAllowedExternalUrl, { message: 'must be an https: or mailto: URL without credentials' }),
    }),
    response: noResponse,
  },
  // Entering and leaving clear the clipboard in main; leaving is authorised by the renderer's proctor PIN check.
  'kiosk:enter': { request: noRequest, response: kioskStatusSchema },
  'kiosk:exit': { request: noRequest, response: kioskStatusSchema },
  'kiosk:status': { request: noRequest, response: kioskStatusSchema },
  /** Where focus is, so the input policy lets clipboard keys through in answer fields only. */
  'kiosk:set-input-context': { request: z.strictObject({ inAnswerField: z.boolean() }), response: noResponse },
} as const satisfies { [C in IpcChannel]: { request: z.ZodType; response: z.ZodType } };

export type IpcContract = typeof ipcContract;
/** What a caller passes (before schema parsing). */
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
/** What a handler receives (after schema parsing). */
export type IpcParsedRequest<C extends IpcChannel> = z.output<IpcContract[C]['request']>;
/** What a handler returns and a caller receives. */
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;
export type AppInfo = z.output<typeof appInfoSchema>;
export type KioskStatus = z.output<typeof kioskStatusSchema>;
