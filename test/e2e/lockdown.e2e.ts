import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/*
 * The browser build's reduced lockdown, in real Chromium: the renderer's
 * lockdown module (src-renderer/lockdown) on a test-only harness page, built
 * apart from the app so nothing test-only reaches its bundle, and served on
 * the web build's own origin (a secure context, like the app).
 */

const HARNESS_DIR = join(process.env.E2E_OUTPUT_DIR ?? tmpdir(), 'lockdown-harness');
const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lockdown harness</title></head>
<body><div id="root"></div><script type="module" src="./harness.js"></script></body></html>`;

test.beforeAll(() => {
  execFileSync('npx', ['vite', 'build', '--config', 'test/e2e/support/lockdown-harness.vite.config.ts'], {
    env: { ...process.env, LOCKDOWN_HARNESS_DIR: HARNESS_DIR },
    stdio: 'inherit',
  });
});

async function openHarness(page: Page) {
  await page.route('**/lockdown-harness/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith('/harness.js')) {
      return route.fulfill({
        contentType: 'text/javascript',
        body: readFileSync(join(HARNESS_DIR, 'harness.js'), 'utf8'),
      });
    }
    return route.fulfill({ contentType: 'text/html', body: HTML });
  });
  await page.goto('/lockdown-harness/index.html');
  await expect(page.getByRole('button', { name: 'Start exam' })).toBeVisible();
}

const list = (page: Page, name: string) => page.getByRole('list', { name }).getByRole('listitem');

test('says plainly, in the candidate’s words, that the browser gives only a reduced lockdown', async ({ page }) => {
  await openHarness(page);
  const notice = page.getByRole('note', { name: 'This test runs in a web browser' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('recorded for the proctor');
  await expect(notice.getByRole('listitem')).toContainText([
    'keeps the test window in place, so it cannot be moved, resized or closed',
    'keeps the test in front of every other window',
    'stops screenshots and screen recording of the test',
    'empties the clipboard when the test starts and when it ends',
  ]);
  // None of the policy table's technical names reach the candidate.
  await expect(notice).not.toContainText(/screen-saver|window\.open|Kiosk window/);
});

test('entering lockdown from a click requests fullscreen; leaving exits it', async ({ page }) => {
  await openHarness(page);
  await page.getByRole('button', { name: 'Start exam' }).click();
  await expect(page.getByRole('status', { name: 'Lockdown state' }).or(page.locator('output'))).toContainText(
    '"mode":"browser"',
  );
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.tagName ?? null)).toBe('HTML');
  await expect(page.locator('output')).toContainText('"fullscreen":true');
  await expect(page.locator('output')).toContainText('"reduced":true');

  await page.getByRole('button', { name: 'Leave lockdown' }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
});

test('right-click menu and clipboard outside answer fields are refused; the answer field works', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openHarness(page);
  await page.getByRole('button', { name: 'Start exam' }).click();
  await expect(page.locator('output')).toContainText('"mode":"browser"');

  await page.locator('#question').click({ button: 'right' });
  await expect(list(page, 'Clipboard events')).toHaveText(['contextmenu:true']);

  // Select the question text and copy it: the shortcut is refused, and a copy event is cancelled too.
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  await page.locator('#question').selectText();
  await page.keyboard.press('Control+C');
  await page.locator('#question').dispatchEvent('copy', { bubbles: true, cancelable: true });
  await expect(list(page, 'Clipboard events')).toHaveText(['contextmenu:true', 'copy:true']);
  await expect(list(page, 'Lockdown events')).toHaveText(['clipboard-outside-answers Ctrl+C']);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');

  // In the answer field, typing and the clipboard keys work.
  const answer = page.getByLabel('Your answer');
  await answer.click();
  await page.keyboard.type('29 is prime');
  await expect(answer).toHaveValue('29 is prime');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('29 is prime');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+V');
  await expect(answer).toHaveValue('29 is prime29 is prime');
  await expect(list(page, 'Lockdown events')).toHaveCount(1);
});

test('reload, print, save and devtools shortcuts are refused and reported', async ({ page }) => {
  await openHarness(page);
  await page.getByRole('button', { name: 'Start exam' }).click();
  await expect(page.locator('output')).toContainText('"mode":"browser"');
  await page.locator('#question').click();
  for (const key of ['Control+P', 'Control+S', 'Control+U', 'F12', 'Control+Shift+I', 'F5', 'Control+R']) {
    await page.keyboard.press(key);
  }
  await expect(list(page, 'Lockdown events')).toHaveText([
    'block-print Ctrl+P',
    'block-save Ctrl+S',
    'block-view-source Ctrl+U',
    'block-devtools F12',
    'block-devtools Ctrl+Shift+I',
    'block-reload F5',
    'block-reload Ctrl+R',
  ]);
  // Still the same page: the reload never happened.
  await expect(page.getByLabel('Your answer')).toBeVisible();
});

test('leaving the exam window is reported with how long it lasted', async ({ page, context }) => {
  await openHarness(page);
  // Playwright tells every page it has focus; switched off, Chromium moves real focus between its windows.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  await page.getByRole('button', { name: 'Start exam' }).click();
  await expect(page.locator('output')).toContainText('"mode":"browser"');

  const other = await context.newPage();
  await other.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false);
  await page.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(true);

  const losses = list(page, 'Focus losses');
  await expect(losses).toHaveCount(1);
  const [type, seconds] = (await losses.first().textContent())!.split(' ');
  expect(type).toBe('window_blur');
  expect(Number(seconds)).toBeGreaterThan(0);
  await other.close();
});
