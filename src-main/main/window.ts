import { BrowserWindow } from 'electron';
import type { RendererSource } from './policies/app-origin';
import { secureWebPreferences } from './policies/web-preferences';

/*
 * Creates the single app window. Security-relevant behaviour lives in
 * policies/ and in the web-contents and session hardening, which apply to
 * every WebContents; this file only sets window chrome and loads the UI.
 */

export interface MainWindowOptions {
  preloadPath: string;
  rendererSource: RendererSource;
  devTools: boolean;
  /** Used on Linux only: Windows and macOS take the icon from the executable or bundle. */
  iconPath?: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Assist-Ten Desktop',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    ...(process.platform === 'linux' && options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences({ preloadPath: options.preloadPath, devTools: options.devTools }),
  });

  // Showing only once painted avoids a white flash before the UI exists.
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.rendererSource.url).catch((error: unknown) => {
    console.error(`[assist-ten] failed to load ${options.rendererSource.url}:`, error);
  });
  return window;
}

export function focusWindow(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Policy 'all-displays': a blank window over one secondary display while an
 * exam is locked. It loads nothing, so it needs no preload and runs no script.
 */
export function createCoverWindow(bounds: { x: number; y: number; width: number; height: number }): BrowserWindow {
  const cover = new BrowserWindow({
    ...bounds,
    frame: false,
    kiosk: true,
    fullscreen: true,
    focusable: false,
    skipTaskbar: true,
    movable: false,
    resizable: false,
    minimizable: false,
    closable: false,
    backgroundColor: '#000000',
    title: 'Assist-Ten exam in progress',
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
  });
  cover.setAlwaysOnTop(true, 'screen-saver');
  cover.setContentProtection(true);
  return cover;
}
