import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { onExit } from '../../bench/sync/exit';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../chromium';

/*
 * A station's browser: Debian's Chromium on the station's own profile
 * directory, in its own process group, reached over CDP, so the soak can
 * kill it outright with SIGKILL (no unload, no flush, helpers included) and
 * start a new one on the same profile, as a station that loses power would.
 *
 * test/e2e/support/exam-page.ts `launchOwnChromium` does the same for one
 * kill in a test; the soak launches Chromium hundreds of times and needs
 * three things it lacks: the process group is killed by the exit hooks if
 * the soak itself is interrupted (a detached Chromium would outlive it and
 * eat this 2-core machine), `alive()` tells a kill from a driver error, and
 * the kill lands while Playwright is mid-call, with no CDP disconnect first.
 */

export interface StationBrowser {
  browser: Browser;
  pid: number;
  /** Whether the process group leader is still running. */
  alive(): boolean;
  /** SIGKILL to the whole process group; resolves once the browser process has exited. */
  kill(): Promise<void>;
  exited: Promise<void>;
}

export async function launchStationBrowser(userDataDir: string): Promise<StationBrowser> {
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      `--user-data-dir=${userDataDir}`,
      '--remote-debugging-port=0',
      // A killed Chromium must not come back with "restore pages?" state of its own.
      '--disable-session-crashed-bubble',
      '--hide-crash-restore-bubble',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let running = true;
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  // Detached, so an interrupted soak would leave it running: the exit hooks kill it too.
  const unhook = onExit(killGroup);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running = false;
      unhook();
      resolve();
    }),
  );
  let endpoint: string;
  try {
    endpoint = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${buffered.slice(-2000)}`)), 30_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        buffered = (buffered + chunk.toString()).slice(-8000);
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(buffered);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited before it listened: ${buffered.slice(-2000)}`));
      });
    });
  } catch (error) {
    killGroup();
    throw error;
  }
  // Keep reading stderr so that the pipe never fills and blocks Chromium.
  child.stderr!.resume();
  let browser: Browser;
  try {
    browser = await chromium.connectOverCDP(endpoint, { timeout: 30_000 });
  } catch (error) {
    killGroup();
    throw error;
  }
  return {
    browser,
    pid: child.pid!,
    alive: () => running,
    exited,
    async kill() {
      killGroup();
      await exited;
    },
  };
}
