import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../chromium';
import { chromium, type BrowserContext } from 'playwright-core';

/*
 * Debian's Chromium through playwright-core: no browser download, ever.
 * CHROMIUM_PATH overrides the location for other machines.
 */

export const chromiumPath = CHROMIUM_PATH;

export class ChromiumMissingError extends Error {
  constructor() {
    super(
      `Chromium not found at ${chromiumPath}. Install it with \`apt-get install -y chromium\` ` +
        '(or point CHROMIUM_PATH at a Chromium binary). Do not run `playwright install`.',
    );
    this.name = 'ChromiumMissingError';
  }
}

export function assertChromium(): void {
  if (!existsSync(chromiumPath)) throw new ChromiumMissingError();
}

/**
 * A persistent profile in `userDataDir`, not an incognito context: the app
 * (Electron) keeps IndexedDB on disk, and Chromium's in-memory incognito
 * backend is both slower and less steady (measured here: 10,000 raw IndexedDB
 * adds took 1.1–3.2 s in memory against 0.8–1.2 s on disk).
 */
export function launchChromium(userDataDir: string, extraArgs: readonly string[] = []): Promise<BrowserContext> {
  assertChromium();
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    // Playwright would otherwise kill Chromium and exit on a signal before the runner removes its temp dir.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // --expose-gc lets suites collect garbage between runs (outside timing) for steadier medians.
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', ...extraArgs],
  });
}
