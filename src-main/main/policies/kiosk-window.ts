import { enforces } from '../../../src-shared/lockdown/enforcement';
/*
 * What an exam window becomes in kiosk mode, and what it returns to. Each
 * setting is one of the named lockdown policies (src-shared/lockdown/policies):
 * kiosk, fullscreen, always-on-top at 'screen-saver' level (above the taskbar,
 * the Dock and other always-on-top windows), content protection (screen
 * capture and recording see a black window). The controller applies them with
 * `applyWindowSettings`, in this order, so entering and leaving are symmetric.
 */

export type AlwaysOnTopLevel = 'normal' | 'floating' | 'screen-saver';

export interface KioskWindowSettings {
  kiosk: boolean;
  fullScreen: boolean;
  alwaysOnTop: { flag: boolean; level: AlwaysOnTopLevel };
  visibleOnAllWorkspaces: boolean;
  contentProtection: boolean;
  movable: boolean;
  resizable: boolean;
  minimizable: boolean;
  /** The window's own close button; closing by keyboard or the OS is refused separately while locked. */
  closable: boolean;
  menuBarVisible: boolean;
}

export function kioskWindowSettings(locked: boolean): KioskWindowSettings {
  return {
    kiosk: locked,
    fullScreen: locked,
    alwaysOnTop: locked ? { flag: true, level: 'screen-saver' } : { flag: false, level: 'normal' },
    visibleOnAllWorkspaces: locked,
    contentProtection: locked,
    movable: !locked,
    resizable: !locked,
    minimizable: !locked,
    closable: !locked,
    menuBarVisible: !locked,
  };
}

/** The BrowserWindow setters the settings need; a BrowserWindow satisfies it, and so does a test double. */
export interface WindowSetters {
  setKiosk(flag: boolean): void;
  setFullScreen(flag: boolean): void;
  setAlwaysOnTop(flag: boolean, level?: AlwaysOnTopLevel): void;
  setVisibleOnAllWorkspaces(visible: boolean): void;
  setContentProtection(enable: boolean): void;
  setMovable(movable: boolean): void;
  setResizable(resizable: boolean): void;
  setMinimizable(minimizable: boolean): void;
  setClosable(closable: boolean): void;
  setMenuBarVisibility(visible: boolean): void;
}

export function applyWindowSettings(window: WindowSetters, settings: KioskWindowSettings): void {
  window.setKiosk(settings.kiosk);
  window.setFullScreen(settings.fullScreen);
  window.setAlwaysOnTop(settings.alwaysOnTop.flag, settings.alwaysOnTop.level);
  window.setVisibleOnAllWorkspaces(settings.visibleOnAllWorkspaces);
  window.setContentProtection(settings.contentProtection);
  window.setMovable(settings.movable);
  window.setResizable(settings.resizable);
  window.setMinimizable(settings.minimizable);
  window.setClosable(settings.closable);
  window.setMenuBarVisibility(settings.menuBarVisible);
}

/** The power-save blocker type held for the exam's duration: the screen must not dim or lock mid-question. */
export const KIOSK_POWER_SAVE_BLOCKER = 'prevent-display-sleep' as const;

/** The window settings above, applied on entry, and re-entered when left (fullscreen). */
export const LOCKDOWN_ENFORCED = enforces('electron', ['kiosk', 'fullscreen', 'always-on-top', 'content-protection']);
