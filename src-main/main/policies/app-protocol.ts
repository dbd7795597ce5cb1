import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

/*
 * Maps app://assist-ten/<path> to a file under the built renderer folder.
 * This is the only way the custom protocol touches the disk, so it refuses
 * anything that could step outside that folder: "..", encoded slashes or
 * backslashes, drive letters, NUL bytes.
 */

export type PathApi = Pick<typeof path, 'join' | 'relative' | 'isAbsolute' | 'sep'>;

export type AppFileResolution = { ok: true; filePath: string } | { ok: false; status: 400 | 403; reason: string };

const INDEX_FILE = 'index.html';

export function resolveAppFile(requestUrl: string, rootDir: string, pathApi: PathApi = path): AppFileResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 403, reason: `not an ${APP_SCHEME}://${APP_HOST} URL` };
  }

  const segments: string[] = [];
  for (const rawSegment of url.pathname.split('/')) {
    if (rawSegment === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return { ok: false, status: 400, reason: 'malformed percent-encoding' };
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) {
      return { ok: false, status: 403, reason: `refused path segment "${rawSegment}"` };
    }
    segments.push(segment);
  }

  // Client-side routes (no file extension) get the app shell, like any SPA host.
  const last = segments.at(-1);
  if (last === undefined || !last.includes('.')) {
    return { ok: true, filePath: pathApi.join(rootDir, INDEX_FILE) };
  }

  const filePath = pathApi.join(rootDir, ...segments);
  const relative = pathApi.relative(rootDir, filePath);
  if (relative === '' || relative.startsWith('..') || pathApi.isAbsolute(relative)) {
    return { ok: false, status: 403, reason: 'path escapes the renderer folder' };
  }
  return { ok: true, filePath };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // WebAssembly.instantiateStreaming refuses any other type.
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.task': 'application/octet-stream',
  '.binarypb': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
