import { getBridge } from '@shared/ipc/bridge';
import { createBrowserLockdown } from './browser-lockdown';
import { createElectronLockdown } from './electron-lockdown';
import type { DisplayReport, FocusLossEvent, LockdownBackend, LockdownEvent, LockdownState } from './types';

/*
 * The exam's one lockdown API. In the desktop app it drives Electron's kiosk
 * mode through the preload bridge; in a plain browser it does what a page can
 * (and `state.reduced` is true: show <ReducedLockdownNotice />).
 *
 * - enterLockdown() from a click handler (the browser's Fullscreen API needs a
 *   user gesture); calling it again re-requests fullscreen.
 * - exitLockdown() only after a proctor PIN (ProctorUnlockDialog) or submit.
 * - watchFocus(): window_blur / tab_switch episodes with their duration, for
 *   proctoring events; watchDisplays(): `secondary > 0` is second_display;
 *   watchLockdownEvents(): refused shortcuts and (browser) fullscreen exits.
 */

export type { DisplayReport, FocusLossEvent, LockdownEvent, LockdownState };
export { answerFieldProps, ANSWER_FIELD_ATTRIBUTE, isInAnswerField } from './answer-field';

let backend: LockdownBackend | undefined;

function lockdownBackend(): LockdownBackend {
  if (!backend) {
    const bridge = getBridge();
    backend = bridge ? createElectronLockdown(bridge) : createBrowserLockdown();
  }
  return backend;
}

/** True when only the browser's reduced lockdown is available. */
export function isReducedLockdown(): boolean {
  return getBridge() === undefined;
}

export function enterLockdown(): Promise<LockdownState> {
  return lockdownBackend().enter();
}

export function exitLockdown(): Promise<void> {
  return lockdownBackend().exit();
}

export function watchFocus(listener: (event: FocusLossEvent) => void): () => void {
  return lockdownBackend().watchFocus(listener);
}

export function watchDisplays(listener: (report: DisplayReport) => void): () => void {
  return lockdownBackend().watchDisplays(listener);
}

export function watchLockdownEvents(listener: (event: LockdownEvent) => void): () => void {
  return lockdownBackend().watchEvents(listener);
}
