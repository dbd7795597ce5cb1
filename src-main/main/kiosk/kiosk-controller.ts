import type { KioskStatus } from '@shared/ipc/contract';
import type { DisplayReport } from '@shared/ipc/events';
import { decideKioskInput, type KeyInput } from '@shared/lockdown/input-policy';
import { createFocusTracker, type FocusSignal } from '@shared/lockdown/focus-tracker';
import { sendIpcEvent, type EventTarget } from '../ipc/send-event';
import { planDisplays, type DisplayLike, type Rect } from '../policies/kiosk-displays';
import {
  applyWindowSettings,
  KIOSK_POWER_SAVE_BLOCKER,
  kioskWindowSettings,
  type WindowSetters,
} from '../policies/kiosk-window';
import { enforces } from '../../../src-shared/lockdown/enforcement';

/*
 * Kiosk exam mode for one window: applies every Electron-side lockdown policy
 * on entry and undoes it on exit. The decisions are the pure policies
 * (kiosk-window, kiosk-displays, the shared input policy and focus tracker);
 * this module only subscribes and unsubscribes. Electron objects come in
 * through the narrow interfaces below, which BrowserWindow, screen and
 * powerSaveBlocker satisfy, so it runs in Node tests with fakes.
 */

type Listener = (...args: never[]) => void;

const DISPLAY_EVENTS = ['display-added', 'display-removed', 'display-metrics-changed'] as const;

interface Emitter {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
}

export interface KioskWebContents extends Emitter, EventTarget {}

export interface KioskWindow extends WindowSetters, Emitter {
  readonly webContents: KioskWebContents;
  getBounds(): Rect;
  isFocused(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

type DisplayEvent = (typeof DISPLAY_EVENTS)[number];

/** Electron's `screen` types each event separately, hence one overload per event. */
export interface KioskScreen {
  getAllDisplays(): DisplayLike[];
  getDisplayMatching(rect: Rect): DisplayLike;
  on(event: 'display-added', listener: () => void): unknown;
  on(event: 'display-removed', listener: () => void): unknown;
  on(event: 'display-metrics-changed', listener: () => void): unknown;
  removeListener(event: 'display-added', listener: () => void): unknown;
  removeListener(event: 'display-removed', listener: () => void): unknown;
  removeListener(event: 'display-metrics-changed', listener: () => void): unknown;
}

export interface PowerSaveBlockerLike {
  start(type: typeof KIOSK_POWER_SAVE_BLOCKER): number;
  stop(id: number): unknown;
}

export interface CoverWindow {
  destroy(): void;
}

export interface KioskDeps {
  screen: KioskScreen;
  powerSaveBlocker: PowerSaveBlockerLike;
  clearClipboard: () => void;
  /** A blank, always-on-top kiosk window over one secondary display. */
  createCover: (bounds: Rect) => CoverWindow;
  now?: () => number;
  log?: (message: string) => void;
}

interface KioskSession {
  inAnswerField: boolean;
  displays: DisplayReport;
  covers: CoverWindow[];
  powerSaveId: number;
  /** Undoes every subscription; `flushAt` closes a focus-loss episode still open. */
  teardown: (flushAt: number) => void;
}

const WINDOW_FOCUS_SIGNALS: readonly [string, FocusSignal][] = [
  ['blur', 'blur'],
  ['focus', 'focus'],
  ['minimize', 'hidden'],
  ['hide', 'hidden'],
  ['restore', 'visible'],
  ['show', 'visible'],
];

export interface KioskController {
  /** True while any window is locked; the navigation and window-open policies ask this. */
  isActive(): boolean;
  enter(window: KioskWindow): KioskStatus;
  exit(window: KioskWindow): KioskStatus;
  status(window: KioskWindow): KioskStatus;
  setInputContext(window: KioskWindow, inAnswerField: boolean): void;
}

export function createKioskController(deps: KioskDeps): KioskController {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const sessions = new Map<KioskWindow, KioskSession>();

  /** Replaces the cover windows with ones matching the displays now attached. */
  const coverDisplays = (window: KioskWindow, previous: readonly CoverWindow[]) => {
    for (const cover of previous) cover.destroy();
    const exam = deps.screen.getDisplayMatching(window.getBounds());
    const plan = planDisplays(deps.screen.getAllDisplays(), exam.id, now());
    return { report: plan.report, covers: plan.cover.map((bounds) => deps.createCover(bounds)) };
  };

  const statusOf = (window: KioskWindow): KioskStatus => {
    const session = sessions.get(window);
    return { active: session !== undefined, displays: session?.displays ?? null };
  };

  function enter(window: KioskWindow): KioskStatus {
    if (sessions.has(window)) return statusOf(window);
    deps.clearClipboard();
    applyWindowSettings(window, kioskWindowSettings(true));
    const powerSaveId = deps.powerSaveBlocker.start(KIOSK_POWER_SAVE_BLOCKER);
    const { report: displays, covers } = coverDisplays(window, []);
    const contents = window.webContents;
    const subscriptions: [Emitter, string, Listener][] = [];
    const listen = (emitter: Emitter, event: string, listener: Listener) => {
      emitter.on(event, listener);
      subscriptions.push([emitter, event, listener]);
    };

    const tracker = createFocusTracker((loss) => sendIpcEvent(contents, 'kiosk:focus-loss', loss), {
      focused: window.isFocused(),
      visible: window.isVisible() && !window.isMinimized(),
    });
    const session: KioskSession = {
      inAnswerField: false,
      displays,
      covers,
      powerSaveId,
      teardown: (flushAt) => {
        tracker.flush(flushAt);
        for (const [emitter, event, listener] of subscriptions) emitter.removeListener(event, listener);
      },
    };
    sessions.set(window, session);

    for (const [event, signal] of WINDOW_FOCUS_SIGNALS) listen(window, event, () => tracker.signal(signal, now()));

    listen(contents, 'before-input-event', ((event: { preventDefault(): void }, input: KeyInput) => {
      const decision = decideKioskInput(input, { inAnswerField: session.inAnswerField });
      if (!decision.block) return;
      event.preventDefault();
      // keyUp of the same combination is refused too, but reported once.
      if (input.type === 'keyDown') {
        sendIpcEvent(contents, 'kiosk:blocked-input', {
          policy: decision.policy,
          shortcut: decision.shortcut,
          at: now(),
        });
      }
    }) as Listener);

    // Policy 'fullscreen': leaving it (a window manager key, a bug) puts it straight back.
    listen(window, 'leave-full-screen', () => window.setFullScreen(true));
    // Policy 'block-close': the OS, Alt+F4 or a quit from the Dock cannot close a locked window.
    listen(window, 'close', ((event: { preventDefault(): void }) => {
      event.preventDefault();
      log('close refused: the window is in kiosk mode');
    }) as Listener);
    // A renderer crash or a forced destroy: release the display and power locks anyway.
    listen(window, 'closed', () => release(window));

    const onDisplaysChanged = () => {
      const next = coverDisplays(window, session.covers);
      session.displays = next.report;
      session.covers = next.covers;
      sendIpcEvent(contents, 'kiosk:display-report', session.displays);
    };
    // Every DisplayEvent overload takes the same listener, which TypeScript cannot see through a loop.
    const screen = deps.screen as unknown as Emitter;
    for (const event of DISPLAY_EVENTS satisfies readonly DisplayEvent[]) listen(screen, event, onDisplaysChanged);

    sendIpcEvent(contents, 'kiosk:display-report', displays);
    return statusOf(window);
  }

  function release(window: KioskWindow): boolean {
    const session = sessions.get(window);
    if (!session) return false;
    sessions.delete(window);
    session.teardown(now());
    for (const cover of session.covers) cover.destroy();
    deps.powerSaveBlocker.stop(session.powerSaveId);
    return true;
  }

  function exit(window: KioskWindow): KioskStatus {
    if (release(window) && !window.isDestroyed()) {
      applyWindowSettings(window, kioskWindowSettings(false));
    }
    deps.clearClipboard();
    return statusOf(window);
  }

  return {
    isActive: () => sessions.size > 0,
    enter,
    exit,
    status: statusOf,
    setInputContext(window, inAnswerField) {
      const session = sessions.get(window);
      if (session) session.inAnswerField = inAnswerField;
    },
  };
}

/**
 * What the controller itself enforces while locked: the display kept awake, the clipboard cleared on entry and
 * exit, focus losses sent to the exam, the window refusing to close.
 */
export const LOCKDOWN_ENFORCED = enforces('electron', [
  'prevent-sleep',
  'clipboard-clear',
  'focus-loss',
  'block-close',
]);
