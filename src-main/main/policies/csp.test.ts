import { describe, expect, it } from 'vitest';
import { buildCsp, withCspHeader } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values];
    }),
  );
}

const server = ['http://127.0.0.1:8787', 'ws://127.0.0.1:8787'];

describe('buildCsp (production)', () => {
  const csp = directives(buildCsp({ connectOrigins: server }));

  it('has exactly the expected directives', () => {
    expect(Object.fromEntries(csp)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", "'wasm-unsafe-eval'"],
      'worker-src': ["'self'", 'blob:'],
      'img-src': ["'self'", 'data:', 'blob:'],
      'media-src': ["'self'", 'blob:', 'mediastream:'],
      'connect-src': ["'self'", 'http://127.0.0.1:8787', 'ws://127.0.0.1:8787'],
      'style-src': ["'self'", "'unsafe-inline'"],
      'object-src': ["'none'"],
      'frame-src': ["'none'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
    });
  });

  it('never allows inline or eval script, nor wildcards', () => {
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
    for (const values of csp.values()) expect(values).not.toContain('*');
  });
});

describe('buildCsp (dev server)', () => {
  const csp = directives(
    buildCsp({
      connectOrigins: server,
      devServer: { httpOrigin: 'http://localhost:5173', wsOrigin: 'ws://localhost:5173' },
    }),
  );

  it("allows Vite's inline React-refresh preamble and HMR socket", () => {
    expect(csp.get('script-src')).toContain("'unsafe-inline'");
    expect(csp.get('connect-src')).toContain('ws://localhost:5173');
  });

  it('still forbids eval', () => {
    expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
  });
});

describe('withCspHeader', () => {
  it('replaces existing CSP headers in any capitalisation and keeps the rest', () => {
    const result = withCspHeader(
      {
        'content-security-policy': ['default-src *'],
        'Content-Security-Policy-Report-Only': ['default-src *'],
        'Content-Type': ['text/html'],
      },
      "default-src 'self'",
    );
    expect(result).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('adds the header when there were no headers', () => {
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
