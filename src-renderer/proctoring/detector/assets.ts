/*
 * Where the face detector's files live in every build (app, browser build, e2e,
 * bench): emitted by scripts/vite-face-detector.ts under the app's base, never
 * fetched from a CDN. The model is generated at build time (scripts/build-face-model.ts).
 */
export const FACE_DETECTOR_DIR = 'face-detector';

export const FACE_DETECTOR_FILES = {
  model: 'face_detection_short_range.tflite',
  // The ES-module build of the tasks-vision wasm loader: the detector runs in a module worker,
  // where the classic loader's importScripts is unavailable.
  wasmLoader: 'vision_wasm_module_internal.js',
  wasmBinary: 'vision_wasm_module_internal.wasm',
} as const;

export interface FaceDetectorAssets {
  modelPath: string;
  wasmLoaderPath: string;
  wasmBinaryPath: string;
}

/** Absolute URLs, so a worker (whose own URL is under assets/) resolves them the same way. */
export function faceDetectorAssets(baseUrl: string, pageUrl: string): FaceDetectorAssets {
  const dir = new URL(`${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${FACE_DETECTOR_DIR}/`, pageUrl);
  const at = (file: string) => new URL(file, dir).href;
  return {
    modelPath: at(FACE_DETECTOR_FILES.model),
    wasmLoaderPath: at(FACE_DETECTOR_FILES.wasmLoader),
    wasmBinaryPath: at(FACE_DETECTOR_FILES.wasmBinary),
  };
}
