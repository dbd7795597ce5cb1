import { resolve } from 'node:path';
import { build } from 'vite';
import { faceDetectorPlugin } from '../../../scripts/vite-face-detector';
import { serveStatic, type StaticServer } from '../../bench/browser/serve';

/**
 * Builds a test page (`root/index.html`) with Vite as the app builds: the face
 * detector's model and wasm included, `@shared` resolved; then serves it on
 * 127.0.0.1. For e2e pages that drive the real detector.
 */
export async function serveDetectorPage(root: string, outDir: string): Promise<StaticServer> {
  await build({
    configFile: false,
    root,
    mode: 'production',
    logLevel: 'warn',
    plugins: [faceDetectorPlugin()],
    resolve: { alias: { '@shared': resolve(import.meta.dirname, '../../../src-shared') } },
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 100_000,
      rolldownOptions: { input: resolve(root, 'index.html') },
    },
  });
  return serveStatic(outDir);
}

/**
 * The face harness page (page/index.html: the real detector worker, model and
 * wasm, plus the fixture composer), driven through `globalThis.__faces`.
 */
export function serveFacesPage(outDir: string): Promise<StaticServer> {
  return serveDetectorPage(resolve(import.meta.dirname, 'page'), outDir);
}
