import { expect, type BrowserContext, type ConsoleMessage, type Page } from '@playwright/test';

/*
 * Fails a test on what a newcomer would see in the developer tools: any
 * console error (the page's, a worker's, a failed resource such as a missing
 * favicon, which Chromium logs as an error) and any uncaught exception.
 * Warnings are collected as well, for tests that mean to assert on them.
 *
 * Watch before the first navigation, so nothing logged on load is missed:
 *
 *   const consoleGuard = watchConsole(page);      // or watchConsole(context) for every page it opens
 *   ...the path under test...
 *   consoleGuard.expectNoErrors('the exam path');
 */

export interface ConsoleEntry {
  type: 'error' | 'warning' | 'pageerror';
  text: string;
  /** The page's URL, or the worker's, that logged it. */
  source: string;
}

export interface ConsoleGuard {
  readonly entries: readonly ConsoleEntry[];
  errors(): ConsoleEntry[];
  warnings(): ConsoleEntry[];
  /** Fails, listing each error with where it came from. */
  expectNoErrors(label: string): void;
  /** Entries whose text matches, whatever their level (to assert a library's output is not an error or warning). */
  matching(pattern: RegExp): ConsoleEntry[];
}

function describe(message: ConsoleMessage): string {
  const location = message.location();
  const at = location.url ? ` (${location.url}:${location.lineNumber})` : '';
  return `${message.text()}${at}`;
}

export function watchConsole(target: Page | BrowserContext): ConsoleGuard {
  const entries: ConsoleEntry[] = [];
  const watchPage = (page: Page) => {
    page.on('console', (message) => {
      const type = message.type();
      if (type !== 'error' && type !== 'warning') return;
      entries.push({ type, text: describe(message), source: message.worker()?.url() ?? page.url() });
    });
    page.on('pageerror', (error) =>
      entries.push({ type: 'pageerror', text: error.stack ?? error.message, source: page.url() }),
    );
  };
  if ('pages' in target) {
    for (const page of target.pages()) watchPage(page);
    target.on('page', watchPage);
  } else {
    watchPage(target);
  }
  const errors = () => entries.filter((e) => e.type !== 'warning');
  return {
    entries,
    errors,
    warnings: () => entries.filter((e) => e.type === 'warning'),
    matching: (pattern) => entries.filter((e) => pattern.test(e.text)),
    expectNoErrors(label) {
      expect(
        errors().map((e) => `${e.type} on ${e.source}: ${e.text}`),
        `console errors during ${label}`,
      ).toEqual([]);
    },
  };
}
