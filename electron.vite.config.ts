import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { faceDetectorPlugin } from './scripts/vite-face-detector';

const shared = { '@shared': resolve(import.meta.dirname, 'src-shared') };

// electron-vite reads only node_modules/electron/package.json to pick its
// targets, so this builds on machines where the Electron binary is absent.
export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src-main/main/index.ts') } },
    },
  },
  preload: {
    resolve: { alias: shared },
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src-main/preload/index.ts') },
        // Sandboxed renderers run the preload as a classic script: ES-module syntax is unsupported there.
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    resolve: { alias: shared },
    plugins: [react(), faceDetectorPlugin()],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') } },
    },
  },
});
