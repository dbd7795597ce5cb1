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
