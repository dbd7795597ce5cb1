import { readFile as fsReadFile } from 'node:fs/promises';
import { contentTypeFor, resolveAppFile } from './policies/app-protocol';

/*
 * The request handler behind `protocol.handle('app', …)`. It sets the CSP
 * itself because webRequest hooks are not guaranteed to see responses of
 * custom protocols. Web-standard Request/Response keep it testable in Node.
 */

export interface AppProtocolHandlerOptions {
  rootDir: string;
  csp: string;
  readFile?: (filePath: string) => Promise<Uint8Array<ArrayBuffer>>;
}

export function createAppProtocolHandler(options: AppProtocolHandlerOptions): (request: Request) => Promise<Response> {
  const readFile = options.readFile ?? ((filePath: string) => fsReadFile(filePath));
  const securityHeaders = {
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: securityHeaders });
    }
    const resolution = resolveAppFile(request.url, options.rootDir);
    if (!resolution.ok) {
      return new Response(resolution.reason, { status: resolution.status, headers: securityHeaders });
    }
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readFile(resolution.filePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const status = code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' ? 404 : 500;
      return new Response(null, { status, headers: securityHeaders });
    }
    const headers = { ...securityHeaders, 'Content-Type': contentTypeFor(resolution.filePath) };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}
