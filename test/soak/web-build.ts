import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/*
 * The renderer's browser build, exactly as `npm run build:web` makes it
 * (vite.web.config.ts), but for the soak's proxy: the browser build takes
 * its server URL at build time (VITE_ASSIST_TEN_SERVER_URL), and the proxy
 * listens on a free port, so out/web (built for 127.0.0.1:8787) would not
 * reach it. It goes to a directory of the caller's, as the e2e build goes
 * to out/web-e2e, so it never replaces anyone's out/web.
 */

const ROOT = resolve(import.meta.dirname, '../..');

export async function buildWeb(serverUrl: string, outDir: string): Promise<void> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const args = ['build', '--config', 'vite.web.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'];
  // Vite's output goes to stderr: stdout carries only the soak's figures.
  const child = spawn(process.execPath, [vite, ...args], {
    cwd: ROOT,
    env: { ...process.env, VITE_ASSIST_TEN_SERVER_URL: serverUrl },
    stdio: ['ignore', 2, 2],
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`the browser build failed (exit ${code})`);
}
