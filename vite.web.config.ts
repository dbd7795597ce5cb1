import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { faceDetectorPlugin } from './scripts/vite-face-detector';

/*
 * The renderer as a plain browser app (`npm run dev:web`, `npm run build:web`,
 * and `npm start` on machines without Electron). There is no preload here, so
 * `window.assistTen` is absent: renderer code reaches Electron only through
 * getBridge() from @shared/ipc/bridge, which returns undefined in a browser.
 */

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: fromRoot('./src-renderer'),
  plugins: [react(), faceDetectorPlugin()],
  resolve: { alias: { '@shared': fromRoot('./src-shared') } },
  build: {
    outDir: fromRoot('./out/web'),
    // outDir lies outside root, where Vite will not empty it unless told to.
    emptyOutDir: true,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
