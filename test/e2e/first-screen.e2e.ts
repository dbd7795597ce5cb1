import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { setupCommands } from '../../src-shared/sync/setup-wire';
import { startEmptyServer, type EmptyServer } from './support/empty-server';

/*
 * The first screen a newcomer sees, against a real server in both states it
 * can be in on day one: new and empty (what `npm start` runs before anyone
 * seeds it), and seeded. Empty, the screen says so and gives the README's
 * exact commands, and notices by itself when the server gets its first
 * account. Seeded, device-only demo data is no longer a path of its own.
 */

const SYNC_URL = process.env.E2E_SYNC_URL ?? '';
const SHOTS = process.env.E2E_SHOTS_DIR;

test.use({ viewport: { width: 1280, height: 800 } });

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 200)).join(', ')}`),
    label,
  ).toEqual([]);
}

test.describe('against a new server with no accounts', () => {
  let server: EmptyServer;
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(120_000);
    server = await startEmptyServer(new URL(baseURL!).origin);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('the sign-in screen says the server has no accounts, with the commands that make the first ones', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // What the terminal says too: the start-up warning names the same two commands.
    expect(server.output()).toContain('No super admin exists');
    expect(server.output()).toContain(setupCommands.seed.replace(/"/g, '\\"'));
    expect(server.output()).toContain(setupCommands.createAdmin.replace(/"/g, '\\"'));

    await server.routeTo(page, SYNC_URL);
    await page.goto('/');
    const panel = page.getByRole('region', { name: 'The sync server has no accounts yet' });
    await expect(panel).toBeVisible();
    await expect(panel).toContainText(`reached the sync server at ${SYNC_URL}`);
    await expect(panel.locator('pre')).toHaveText([setupCommands.seed, setupCommands.createAdmin]);
    // Device-only demo data is still there for exploring offline, but as a quiet line, not a panel of its own.
    await expect(page.getByRole('heading', { name: 'First run on this device' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Load demo data' })).toBeVisible();
    await expectNoSeriousViolations(page, 'the sign-in screen, empty server');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/first-screen-empty-server.png`, fullPage: true });

    // The newcomer creates the first super admin and restarts the server: the screen notices by itself.
    await server.restart({
      ASSIST_TEN_ADMIN_EMAIL: 'admin@example.org',
      ASSIST_TEN_ADMIN_PASSWORD: 'a long first password',
    });
    await expect(panel).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByText('The sync server now has accounts. Sign in with one of them.')).toBeAttached();
    await page.getByLabel('Email').fill('admin@example.org');
    await page.getByLabel('Password', { exact: true }).fill('a long first password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  });
});

test('against the seeded server, device-only demo data is not offered as the way in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  // The quiet line appears once the server has answered; nothing else about set-up does.
  const quiet = page.getByText('Only exploring, without the server?');
  await expect(quiet).toBeVisible();
  await expect(page.getByRole('heading', { name: 'First run on this device' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'The sync server has no accounts yet' })).toHaveCount(0);
  // It comes last, after the sign-in form and the exam station.
  const order = await page.evaluate(() =>
    [...document.querySelectorAll('.sign-in-column > *')].map(
      (el) => el.querySelector('h1, h2')?.textContent ?? el.textContent?.slice(0, 20),
    ),
  );
  expect(order).toEqual(['Sign in', 'Exam station', 'Only exploring, with']);
  await expectNoSeriousViolations(page, 'the sign-in screen, seeded server');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/first-screen-seeded-server.png`, fullPage: true });
});

test('with no server answering, demo data on this device is the way to explore', async ({ page }) => {
  await page.route(`${SYNC_URL}/**`, (route) => route.abort('connectionrefused'));
  await page.goto('/');
  const panel = page.getByRole('region', { name: 'First run on this device' });
  await expect(panel).toContainText(`the sync server at ${SYNC_URL} does not answer`);
  await expect(panel.getByRole('button', { name: 'Load demo data' })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/first-screen-no-server.png`, fullPage: true });
});
