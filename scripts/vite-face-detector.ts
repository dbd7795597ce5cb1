import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { FACE_DETECTOR_DIR, FACE_DETECTOR_FILES } from '../src-renderer/proctoring/detector/assets';
import { buildFaceModel } from './build-face-model';

/*
 * Ships the face detector with every Vite build that includes it: the model
 * generated from the npm-shipped one (build-face-model.ts) and tasks-vision's
 * wasm, as assets under `<base>face-detector/`. The dev server serves the same
 * files from memory. Nothing is written into the source tree and nothing is
 * fetched from the network.
 */

const require = createRequire(import.meta.url);

function wasmPath(file: string): string {
  // The package exports each wasm file but not package.json; resolve one file and take its folder.
  return resolve(dirname(require.resolve(`@mediapipe/tasks-vision/${FACE_DETECTOR_FILES.wasmBinary}`)), file);
}

const TYPES: Record<string, string> = {
  [FACE_DETECTOR_FILES.model]: 'application/octet-stream',
  [FACE_DETECTOR_FILES.wasmLoader]: 'text/javascript; charset=utf-8',
  [FACE_DETECTOR_FILES.wasmBinary]: 'application/wasm',
};

async function load(file: string): Promise<Uint8Array> {
  if (file === FACE_DETECTOR_FILES.model) return buildFaceModel();
  return new Uint8Array(await readFile(wasmPath(file)));
}

export function faceDetectorPlugin(): Plugin {
  const cache = new Map<string, Promise<Uint8Array>>();
  const get = (file: string) => {
    let bytes = cache.get(file);
    if (!bytes) cache.set(file, (bytes = load(file)));
    return bytes;
  };
  let base = '/';
  return {
    name: 'assist-ten-face-detector',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      const prefix = `${base.startsWith('/') ? base : '/'}${FACE_DETECTOR_DIR}/`;
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        const file = path.startsWith(prefix) ? path.slice(prefix.length) : '';
        if (!(file in TYPES)) return next();
        get(file).then(
          (bytes) => {
            res.writeHead(200, { 'content-type': TYPES[file]!, 'content-length': bytes.length });
            res.end(bytes);
          },
          (error: unknown) => next(error),
        );
      });
    },
    async generateBundle() {
      for (const file of Object.keys(TYPES)) {
        this.emitFile({ type: 'asset', fileName: `${FACE_DETECTOR_DIR}/${file}`, source: await get(file) });
      }
    },
  };
}
