/*
 * The lockdown policy table, after Safe Exam Browser: every rule has a stable
 * name, what it is for, and what enforces it on each side. Main-process code,
 * the renderer (the reduced-lockdown notice lists what the browser cannot
 * enforce) and the README table all use these names; a test keeps the README
 * in step with this list.
 */

export interface LockdownPolicy {
  id: string;
  title: string;
  /** What enforces it in the Electron app. */
  electron: string;
  /** What enforces it in a plain browser, or null when a browser cannot. */
  browser: string | null;
}

export const LOCKDOWN_POLICIES = [
  {
    id: 'kiosk',
    title: 'Kiosk window',
    electron: 'BrowserWindow kiosk mode; not movable, resizable, minimizable or closable; menu bar hidden',
    browser: null,
  },
  {
    id: 'fullscreen',
    title: 'Fullscreen',
    electron: 'setFullScreen(true); leaving it is re-entered',
    browser: 'Fullscreen API; leaving it is reported as fullscreen_exit',
  },
  {
    id: 'always-on-top',
    title: "Always on top at 'screen-saver' level",
    electron: "setAlwaysOnTop(true, 'screen-saver') and visible on all workspaces",
    browser: null,
  },
  {
    id: 'all-displays',
    title: 'Every display covered; a second display reported',
    electron: 'a blank, always-on-top kiosk window on each secondary display; screen events report second_display',
    browser: 'window.screen.isExtended reports second_display (cannot cover it)',
  },
  {
    id: 'content-protection',
    title: 'Screen capture blocked',
    electron: 'setContentProtection(true)',
    browser: null,
  },
  {
    id: 'prevent-sleep',
    title: 'Display kept awake',
    electron: "powerSaveBlocker.start('prevent-display-sleep') for the exam's duration",
    browser: null,
  },
  {
    id: 'single-instance',
    title: 'One instance',
    electron: 'app.requestSingleInstanceLock(); a second launch focuses the first',
    browser: null,
  },
  {
    id: 'block-reload',
    title: 'No reload',
    electron: 'before-input-event: F5, Ctrl/Cmd+R, with Shift',
    browser: 'keydown preventDefault, and a beforeunload prompt',
  },
  {
    id: 'block-devtools',
    title: 'No developer tools',
    electron: 'before-input-event: F12, Ctrl+Shift+I/J/C, Cmd+Opt+I/J/C; devTools off in packaged builds',
    browser: 'keydown preventDefault (Chromium still opens them from its menu)',
  },
  {
    id: 'block-zoom',
    title: 'No zoom',
    electron: 'before-input-event: Ctrl/Cmd with +, =, -, _, 0 and the keypad',
    browser: 'keydown preventDefault',
  },
  {
    id: 'block-print',
    title: 'No printing',
    electron: 'before-input-event: Ctrl/Cmd+P',
    browser: 'keydown preventDefault',
  },
  {
    id: 'block-save',
    title: 'No saving the page',
    electron: 'before-input-event: Ctrl/Cmd+S',
    browser: 'keydown preventDefault',
  },
  {
    id: 'block-view-source',
    title: 'No view-source',
    electron: 'before-input-event: Ctrl/Cmd+U, Cmd+Opt+U',
    browser: 'keydown preventDefault',
  },
  {
    id: 'block-close',
    title: 'No closing',
    electron: 'before-input-event: Ctrl/Cmd+W, Ctrl+F4, Alt+F4, Cmd+Q; the window refuses to close while locked',
    browser: 'Keyboard Lock in fullscreen, keydown preventDefault, beforeunload prompt',
  },
  {
    id: 'block-new-window',
    title: 'No new windows or tabs',
    electron: 'before-input-event: Ctrl/Cmd+N, Ctrl/Cmd+Shift+N, Ctrl/Cmd+T',
    browser: 'Keyboard Lock in fullscreen, else none',
  },
  {
    id: 'clipboard-outside-answers',
    title: 'Copy, paste, cut and select-all only inside answer fields',
    electron: 'before-input-event with the answer-field context; copy/paste/cut events cancelled in the page',
    browser: 'copy, paste and cut events and their shortcuts cancelled outside answer fields',
  },
  {
    id: 'function-keys',
    title: 'Function keys F1–F24',
    electron: 'before-input-event',
    browser: 'keydown preventDefault',
  },
  {
    id: 'system-keys',
    title: 'Alt+Tab, the Windows/Command key, Alt',
    electron: 'before-input-event when the OS passes them on; Alt+Tab, Win, Ctrl+Alt+Del and Cmd+Tab stay with the OS',
    browser: 'Keyboard Lock captures some of them in fullscreen',
  },
  {
    id: 'context-menu',
    title: 'No right-click menu',
    electron: 'contextmenu cancelled in the page; main builds no context menu',
    browser: 'contextmenu cancelled',
  },
  {
    id: 'clipboard-clear',
    title: 'Clipboard cleared on entry and exit',
    electron: 'clipboard.clear() (and the Linux selection) in main',
    browser: null,
  },
  {
    id: 'navigation',
    title: 'No navigation',
    electron: "will-navigate, will-frame-navigate and will-redirect refused; in kiosk even the app's own pages",
    browser: 'beforeunload prompt',
  },
  {
    id: 'window-open',
    title: 'No window.open',
    electron: 'setWindowOpenHandler denies; in kiosk nothing is handed to the OS either',
    browser: null,
  },
  {
    id: 'permissions',
    title: 'Camera only, to the app',
    electron: 'permission request and check handlers grant video to the own origin only',
    browser: "the browser's own permission prompt",
  },
  {
    id: 'focus-loss',
    title: 'Focus loss recorded',
    electron: 'window blur/focus/minimize/restore/hide/show, with durations, sent to the exam',
    browser: 'window blur/focus and visibilitychange, with durations',
  },
  {
    id: 'proctor-exit',
    title: 'Exit and extra time need a proctor PIN',
    electron: 'the exam screen asks for a PIN checked offline against synced scrypt verifiers; wrong PINs back off',
    browser: 'the same dialog; closing the tab still ends the lockdown',
  },
] as const satisfies readonly LockdownPolicy[];

export type LockdownPolicyId = (typeof LOCKDOWN_POLICIES)[number]['id'];

export const LOCKDOWN_POLICY_IDS = LOCKDOWN_POLICIES.map((p) => p.id) as [LockdownPolicyId, ...LockdownPolicyId[]];

export function lockdownPolicy(id: LockdownPolicyId): LockdownPolicy {
  return LOCKDOWN_POLICIES.find((p) => p.id === id)!;
}

/** The policies a plain browser cannot enforce: what the reduced-lockdown notice names. */
export const BROWSER_UNENFORCEABLE: readonly LockdownPolicy[] = LOCKDOWN_POLICIES.filter((p) => p.browser === null);
