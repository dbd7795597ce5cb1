import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL_NAME } from '@shared/ipc/bridge';
import { createBridge } from './bridge';

// Must stay free of npm imports: a sandboxed preload can only load Electron's own modules.
contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL_NAME,
  createBridge(
    (channel, request) => ipcRenderer.invoke(channel, request),
    process.platform,
    (event, listener) => {
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(event, forward);
      return () => {
        ipcRenderer.removeListener(event, forward);
      };
    },
  ),
);
