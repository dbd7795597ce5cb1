import type { WebPreferences } from 'electron';

/*
 * The webPreferences of every app window, in one place so a test can pin
 * them. Most are Electron's defaults today; they are spelled out so that a
 * default changing upstream, or a careless edit, cannot weaken them silently.
 * (The old `remote` module no longer exists in Electron, so there is nothing
 * to switch off for it.)
 */
export function secureWebPreferences(options: { preloadPath: string; devTools: boolean }): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Proctored exams: no inspector in shipped builds.
    devTools: options.devTools,
  };
}
