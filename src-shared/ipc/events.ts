import { z } from 'zod';
import { LOCKDOWN_POLICY_IDS } from '../lockdown/policies';
import type { IpcEvent } from './channels';

/*
 * Payloads of the messages main pushes to the renderer, the other direction
 * of the contract in contract.ts. Main validates each payload before sending
 * (src-main/main/ipc/send-event.ts), so the renderer receives only these shapes.
 */

const epochMs = z.number().int().min(0);

export const displayReportSchema = z.strictObject({
  /** How many displays the OS reports, the exam's one included. */
  count: z.number().int().min(1).max(64),
  /** Displays beyond the one showing the exam; more than zero is a `second_display` proctoring event. */
  secondary: z.number().int().min(0).max(63),
  at: epochMs,
});

export const focusLossSchema = z.strictObject({
  type: z.enum(['window_blur', 'tab_switch']),
  startedAt: epochMs,
  durationSeconds: z
    .number()
    .min(0)
    .max(7 * 24 * 3600),
});

export const blockedInputSchema = z.strictObject({
  policy: z.enum(LOCKDOWN_POLICY_IDS),
  shortcut: z.string().min(1).max(64),
  at: epochMs,
});

export const ipcEvents = {
  'kiosk:focus-loss': focusLossSchema,
  'kiosk:display-report': displayReportSchema,
  'kiosk:blocked-input': blockedInputSchema,
} as const satisfies { [E in IpcEvent]: z.ZodType };

export type IpcEventPayload<E extends IpcEvent> = z.output<(typeof ipcEvents)[E]>;
export type DisplayReport = z.output<typeof displayReportSchema>;
export type BlockedInput = z.output<typeof blockedInputSchema>;
