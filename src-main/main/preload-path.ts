import { existsSync } from 'node:fs';
import path from 'node:path';

/*
 * Sandboxed renderers run the preload as a plain script: ES-module syntax is
 * not supported there (Electron "ESM support matrix"). The preload must
 * therefore be built as CommonJS, which electron-vite emits as index.cjs.
 * An ES-module build is refused loudly here, because it would otherwise fail
 * silently in the renderer and leave the app without its bridge.
 */
export function resolvePreloadPath(preloadDir: string, exists: (file: string) => boolean = existsSync): string {
  const commonJs = path.join(preloadDir, 'index.cjs');
  if (exists(commonJs)) return commonJs;
  const esModule = path.join(preloadDir, 'index.mjs');
  if (exists(esModule)) {
    throw new Error(
      `${esModule} is an ES-module preload, which sandboxed renderers cannot run. ` +
        "Build the preload as CommonJS: in electron.vite.config.ts set preload.build.rolldownOptions.output.format = 'cjs'.",
    );
  }
  throw new Error(`No preload script in ${preloadDir}; run "npm run build" first.`);
}
