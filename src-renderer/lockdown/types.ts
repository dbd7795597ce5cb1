import type { DisplayReport } from '@shared/ipc/events';
import type { FocusLossEvent } from '@shared/lockdown/focus-tracker';
import type { LockdownPolicyId } from '@shared/lockdown/policies';

export type { DisplayReport, FocusLossEvent };

export interface LockdownState {
  /** Electron's kiosk mode, or what a plain browser allows. */
  mode: 'electron' | 'browser';
  /** True in a plain browser: several policies cannot be enforced (show ReducedLockdownNotice). */
  reduced: boolean;
  /** False in a browser when fullscreen was refused (no user gesture): ask the candidate to press a button. */
  fullscreen: boolean;
  /** Whether system shortcuts are captured (Electron's before-input-event, or the Keyboard Lock API). */
  keyboardLocked: boolean;
  /** Displays attached when lockdown began; `secondary > 0` is a second_display event. */
  displays: DisplayReport | null;
}

export type LockdownEvent =
  | { type: 'blocked_shortcut'; policy: LockdownPolicyId; shortcut: string; at: number }
  /** Browser build only: Electron puts the window straight back into fullscreen. */
  | { type: 'fullscreen_exit'; at: number };

/** One side's implementation (Electron through the bridge, or the browser); index.ts picks one. */
export interface LockdownBackend {
  enter(): Promise<LockdownState>;
  exit(): Promise<void>;
  watchFocus(listener: (event: FocusLossEvent) => void): () => void;
  watchDisplays(listener: (report: DisplayReport) => void): () => void;
  watchEvents(listener: (event: LockdownEvent) => void): () => void;
}
