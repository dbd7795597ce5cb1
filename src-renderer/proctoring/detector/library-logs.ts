/*
 * MediaPipe's wasm prints its informational lines on stderr, which
 * Emscripten sends to console.error: on every detector start the console
 * showed "INFO: Created TensorFlow Lite XNNPACK delegate for CPU." as an
 * error. Those lines (TFLite's "INFO: …", glog's "I1204 …") go to
 * console.debug instead; anything else on console.error stays an error.
 */

const INFORMATIONAL = /^(INFO: |I\d{4} )/;

export function isInformational(message: unknown): boolean {
  return typeof message === 'string' && INFORMATIONAL.test(message);
}

/** Installs the routing on this realm's console (the detector worker's); returns how to undo it. */
export function routeLibraryInfoToDebug(target: Pick<Console, 'error' | 'debug'> = console): () => void {
  const error = target.error;
  target.error = (...args: unknown[]) => (isInformational(args[0]) ? target.debug(...args) : error.apply(target, args));
  return () => {
    target.error = error;
  };
}
