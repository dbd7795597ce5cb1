import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePreloadPath } from './preload-path';

const dir = path.join('/app', 'out', 'preload');

describe('resolvePreloadPath', () => {
  it('uses the CommonJS build', () => {
    expect(resolvePreloadPath(dir, (file) => file.endsWith('index.cjs'))).toBe(path.join(dir, 'index.cjs'));
  });

  it('refuses an ES-module preload, which a sandboxed renderer cannot run, and says how to fix it', () => {
    expect(() => resolvePreloadPath(dir, (file) => file.endsWith('index.mjs'))).toThrow(/output\.format = 'cjs'/);
  });

  it('explains a missing build', () => {
    expect(() => resolvePreloadPath(dir, () => false)).toThrow(/npm run build/);
  });
});
