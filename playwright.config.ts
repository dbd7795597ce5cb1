import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/chromium';

/*
 * End-to-end tests drive Debian's Chromium (apt package `chromium`); Playwright's
 * own browser download is unavailable here and never used.
 *
 * Two servers run for them:
 * - a sync server on a fixed test port, on a fresh PGlite data directory seeded
 *   with the demo data (test/e2e/support/sync-server.ts);
 * - the renderer's browser build, built for that server (the browser build
 *   takes its server URL at build time) into its own folder, so it never
 *   overwrites `npm run build:web`'s out/web.
 */
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 4173);
const SYNC_PORT = Number(process.env.E2E_SYNC_PORT ?? 8797);
const WEB_ORIGIN = `http://127.0.0.1:${WEB_PORT}`;
const SYNC_URL = `http://127.0.0.1:${SYNC_PORT}`;
// Ports and folders can be moved (E2E_WEB_PORT, E2E_SYNC_PORT, E2E_WEB_DIR, E2E_OUTPUT_DIR) so that two runs can share a machine.
const WEB_DIR = process.env.E2E_WEB_DIR ?? fileURLToPath(new URL('./out/web-e2e', import.meta.url));

// The demo accounts' password on the test server: new for every run, never written down. Set here, in the
// runner, so that the workers (which load this file again) inherit the same value through the environment.
process.env.E2E_SEED_PASSWORD ??= randomBytes(18).toString('base64url');
process.env.E2E_SYNC_URL = SYNC_URL;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  use: {
    baseURL: WEB_ORIGIN,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: [
    {
      command: 'node --import tsx test/e2e/support/sync-server.ts',
      url: `${SYNC_URL}/health`,
      env: {
        HOST: '127.0.0.1',
        PORT: String(SYNC_PORT),
        ASSIST_TEN_CORS_ORIGINS: WEB_ORIGIN,
        // Several sign-ins per test from one address: the production limits would get in the way.
        ASSIST_TEN_LOGIN_PER_IP_PER_MINUTE: '1000',
        ASSIST_TEN_LOGIN_PER_ACCOUNT: '1000',
        LOG_LEVEL: 'warn',
      },
      // Always a fresh, freshly seeded server: a reused one would hold the last run's edits.
      reuseExistingServer: false,
      timeout: 120_000,
      // SIGTERM lets the launcher stop the server and remove its data directory.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    {
      command: [
        `npx vite build --config vite.web.config.ts --outDir ${WEB_DIR} --emptyOutDir --logLevel warn`,
        `npx vite preview --config vite.web.config.ts --outDir ${WEB_DIR} --host 127.0.0.1 --port ${WEB_PORT} --strictPort`,
      ].join(' && '),
      url: WEB_ORIGIN,
      env: { VITE_ASSIST_TEN_SERVER_URL: SYNC_URL },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
