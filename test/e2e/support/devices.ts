import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';

/*
 * Devices and sign-in for end-to-end tests against the seeded sync server:
 * each browser context is a device of its own (its own IndexedDB, storage and
 * network switch).
 */

/** The demo accounts' password on the test server (playwright.config.ts sets it for every run). */
export const PASSWORD = process.env.E2E_SEED_PASSWORD ?? '';

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export function statusBar(page: Page): Locator {
  return page.getByRole('contentinfo', { name: 'Sync status' });
}

/** Opens a new device on the app's start page; the caller closes `opened` when done. */
export async function openDevice(browser: Browser, opened: BrowserContext[]) {
  const context = await browser.newContext();
  opened.push(context);
  const page = await context.newPage();
  await page.goto('/');
  return { context, page };
}
