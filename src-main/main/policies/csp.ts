/*
 * The Content-Security-Policy of every page and response. It is sent as an
 * HTTP header (not a <meta> tag) so that it also covers frame-ancestors and
 * cannot be removed by renderer code.
 *
 * 'wasm-unsafe-eval' lets the face-detection WebAssembly compile without
 * allowing JavaScript eval. blob: workers and media cover MediaPipe's worker
 * and the webcam stream.
 */

export interface CspOptions {
  /** Sync server origins, e.g. ["http://127.0.0.1:8787", "ws://127.0.0.1:8787"]. */
  connectOrigins: readonly string[];
  /**
   * Set only when the UI comes from the Vite dev server: its React refresh
   * preamble is an inline script and its HMR uses a websocket.
   */
  devServer?: { httpOrigin: string; wsOrigin: string };
}

export function buildCsp(options: CspOptions): string {
  const dev = options.devServer;
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...(dev ? ["'unsafe-inline'"] : [])],
    ['worker-src', "'self'", 'blob:'],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['media-src', "'self'", 'blob:', 'mediastream:'],
    ['connect-src', "'self'", ...options.connectOrigins, ...(dev ? [dev.wsOrigin] : [])],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * Response headers with our CSP replacing any the server sent, whatever its
 * capitalisation: two CSP headers would both apply, and a looser one must not
 * be left standing next to ours.
 */
export function withCspHeader(headers: ResponseHeaders | undefined, csp: string): ResponseHeaders {
  const result: ResponseHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}
