import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/*
 * Builds the test-only lockdown harness (src-renderer/lockdown/e2e-harness.tsx)
 * as one ES module, apart from the app's bundle, into LOCKDOWN_HARNESS_DIR.
 */
const fromRoot = (relative: string) => fileURLToPath(new URL(`../../../${relative}`, import.meta.url));

export default defineConfig({
  root: fromRoot('src-renderer'),
  plugins: [react()],
  resolve: { alias: { '@shared': fromRoot('src-shared') } },
  // Library mode leaves process.env alone; React reads NODE_ENV from it.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  logLevel: 'warn',
  build: {
    outDir: process.env.LOCKDOWN_HARNESS_DIR ?? fromRoot('out/lockdown-harness'),
    emptyOutDir: true,
    lib: { entry: fromRoot('src-renderer/lockdown/e2e-harness.tsx'), formats: ['es'], fileName: () => 'harness.js' },
  },
});
