import path from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  ipcMain,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { createAppProtocolHandler } from './app-protocol-handler';
import { createIpcHandlers } from './ipc/handlers';
import { createKioskController, type KioskWindow } from './kiosk/kiosk-controller';
import { registerIpcHandlers } from './ipc/register-ipc-handlers';
import { APP_SCHEME, isOwnOrigin, resolveRendererSource } from './policies/app-origin';
import { buildCsp } from './policies/csp';
import { DEFAULT_SERVER_URL, resolveSyncServer, type SyncServer } from './policies/server-url';
import { resolvePreloadPath } from './preload-path';
import { safeStorageCipher } from './secure-store/safe-storage-cipher';
import { createSecureStore } from './secure-store/secure-store';
import { hardenSession } from './session-hardening';
import { hardenWebContents } from './web-contents-hardening';
import { createCoverWindow, createMainWindow, focusWindow } from './window';
import { claimSingleInstance } from './policies/single-instance';

/*
 * Electron main process: wiring only. Each decision (origin, CSP, navigation,
 * permissions, protocol paths, IPC validation) is a pure, unit-tested module
 * under policies/ or ipc/.
 */

const log = (message: string) => console.warn(`[assist-ten] ${message}`);

// Must happen before 'ready': privileges cannot be granted to a scheme afterwards.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

function syncServer(): SyncServer {
  const result = resolveSyncServer(process.env.ASSIST_TEN_SERVER_URL);
  if (result.ok) return result.server;
  log(`${result.reason}; using ${DEFAULT_SERVER_URL}`);
  const fallback = resolveSyncServer(DEFAULT_SERVER_URL);
  if (!fallback.ok) throw new Error(fallback.reason);
  return fallback.server;
}

/** Set once the main window exists; a second launch calls it. */
let bringForward: () => void = () => undefined;

async function start(): Promise<void> {
  const server = syncServer();
  const rendererSource = resolveRendererSource({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const ownOrigin = rendererSource.origin;
  const csp = buildCsp({
    connectOrigins: [server.httpOrigin, server.wsOrigin],
    ...(rendererSource.kind === 'dev-server'
      ? { devServer: { httpOrigin: ownOrigin, wsOrigin: ownOrigin.replace(/^http/, 'ws') } }
      : {}),
  });
  const openExternal = (url: string) => {
    shell.openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${String(error)}`));
  };

  let mainWindow: BrowserWindow | null = null;
  bringForward = () => focusWindow(mainWindow);

  const clearClipboard = () => {
    clipboard.clear();
    // X11/Wayland keep a second, "primary selection" clipboard filled by merely selecting text.
    if (process.platform === 'linux') clipboard.clear('selection');
  };
  const kiosk = createKioskController({
    screen,
    powerSaveBlocker,
    clearClipboard,
    createCover: createCoverWindow,
    log,
  });
  const kioskWindowOf = (event: Electron.IpcMainInvokeEvent): KioskWindow => {
    const window = BrowserWindow.fromWebContents(event.sender);
    if (window === null) throw new Error('kiosk: the requesting window no longer exists');
    return window;
  };

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { ownOrigin, openExternal, log, isKiosk: kiosk.isActive }),
  );

  await app.whenReady();

  hardenSession(session.defaultSession, { csp, ownOrigin });
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({ rootDir: path.join(import.meta.dirname, '../renderer'), csp }),
  );

  const secureStore = createSecureStore({
    directory: app.getPath('userData'),
    cipher: safeStorageCipher(safeStorage, process.platform),
  });
  registerIpcHandlers(
    ipcMain,
    createIpcHandlers({
      appInfo: () => ({
        name: app.getName(),
        version: app.getVersion(),
        platform: process.platform,
        arch: process.arch,
        electronVersion: process.versions.electron,
        chromeVersion: process.versions.chrome,
        isPackaged: app.isPackaged,
      }),
      serverUrl: server.url,
      windowOf: (event) => BrowserWindow.fromWebContents(event.sender),
      secureStore,
      clearClipboard,
      openExternal: (url) => shell.openExternal(url),
      kiosk: {
        enter: (event) => kiosk.enter(kioskWindowOf(event)),
        exit: (event) => kiosk.exit(kioskWindowOf(event)),
        status: (event) => kiosk.status(kioskWindowOf(event)),
        setInputContext: (event, inAnswerField) => kiosk.setInputContext(kioskWindowOf(event), inAnswerField),
      },
    }),
    {
      isTrustedSender: (frameUrl) => isOwnOrigin(frameUrl, ownOrigin),
      onError: (channel, error) =>
        log(`IPC ${channel} failed: ${error instanceof Error ? error.message : String(error)}`),
    },
  );

  const openMainWindow = () => {
    mainWindow = createMainWindow({
      preloadPath: resolvePreloadPath(path.join(import.meta.dirname, '../preload')),
      rendererSource,
      devTools: !app.isPackaged,
      iconPath: app.isPackaged
        ? path.join(process.resourcesPath, 'resources/icons/icon.png')
        : path.join(app.getAppPath(), 'resources/icons/icon.png'),
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openMainWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// One instance (policies/single-instance.ts): a second launch brings this one's window forward and quits.
if (claimSingleInstance(app, () => bringForward())) {
  start().catch((error: unknown) => {
    console.error('[assist-ten] startup failed:', error);
    app.exit(1);
  });
} else {
  app.quit();
}
