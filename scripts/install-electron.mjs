#!/usr/bin/env node
/*
 * Root postinstall: fetch the Electron binary, or explain why not — and never
 * fail the install over it.
 *
 * package.json sets "allowScripts": { "electron": false }, so npm 11 skips
 * Electron's own postinstall, which downloads from GitHub and would fail the
 * whole `npm ci` on machines without internet. This script runs the same
 * downloader (node_modules/electron/install.js) under a time limit instead:
 * with internet the binary arrives as usual; without, the install stays green
 * and `npm start` falls back to the browser build.
 *
 * npm 10 and older ignore allowScripts: there Electron's own script runs first
 * (and needs network, or ELECTRON_SKIP_BINARY_DOWNLOAD=1), and this script then
 * finds the binary already present and does nothing.
 *
 * Environment:
 *   ELECTRON_SKIP_BINARY_DOWNLOAD   skip the download entirely (same meaning as for Electron)
 *   ASSIST_TEN_ELECTRON_INSTALL_TIMEOUT   seconds before giving up (default 60 on CI, 300 otherwise)
 *   ELECTRON_MIRROR etc.            passed through to Electron's downloader
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PREFIX = '[assist-ten]';
const require = createRequire(import.meta.url);

/** Directory of the installed `electron` package, or null when it is not installed (e.g. --omit=dev). */
export function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Mirrors the check in electron/install.js: the binary named in path.txt
 * exists and dist/version matches the package version (a stale binary from an
 * older electron version counts as missing).
 */
export function isElectronBinaryInstalled(packageDir) {
  try {
    const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    const installed = readFileSync(path.join(packageDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    const executable = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(packageDir, 'dist');
    return installed === version && executable !== '' && existsSync(path.join(distDir, executable));
  } catch {
    return false;
  }
}

function timeoutSeconds() {
  const configured = Number(process.env.ASSIST_TEN_ELECTRON_INSTALL_TIMEOUT);
  if (Number.isFinite(configured) && configured > 0) return configured;
  // CI runners often sit behind firewalls that drop packets: fail fast there. Interactive installs
  // get long enough for a ~100 MB download on a slow line.
  return process.env.CI && process.env.CI !== 'false' ? 60 : 300;
}

/** The most telling line of the downloader's output, e.g. "RequestError: getaddrinfo ENOTFOUND github.com". */
function summarise(output) {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const line =
    lines.find((l) => /\b(Error|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|HTTPError)\b/.test(l)) ??
    lines[0] ??
    '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function runDownloader(installScript, seconds) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installScript], {
      cwd: path.dirname(installScript),
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let output = '';
    const collect = (chunk) => {
      // Keep only the tail: a failing download can print long stacks.
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, seconds * 1000);

    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ok: false, reason: `download timed out after ${seconds} s` });
      else if (code === 0) resolve({ ok: true });
      else
        resolve({ ok: false, reason: output.trim() ? summarise(output) : `downloader exited with ${code ?? signal}` });
    });
  });
}

async function main() {
  const packageDir = electronPackageDir();
  if (packageDir === null) return; // Production install without devDependencies: nothing to fetch.

  if (isElectronBinaryInstalled(packageDir)) return;

  const manualStep = 'run `node node_modules/electron/install.js` on a machine with internet to get it';
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log(
      `${PREFIX} Electron binary not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set); \`npm start\` will serve the browser build. Later, ${manualStep}.`,
    );
    return;
  }

  const seconds = timeoutSeconds();
  const result = await runDownloader(path.join(packageDir, 'install.js'), seconds);
  if (result.ok && isElectronBinaryInstalled(packageDir)) {
    console.log(`${PREFIX} Electron binary installed.`);
    return;
  }
  const reason = result.ok ? 'the downloader finished but no binary is present' : result.reason;
  console.log(
    `${PREFIX} Electron is unavailable on this machine (binary download failed: ${reason}). ` +
      `The install is otherwise complete and \`npm start\` will serve the browser build; ${manualStep}.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main()
    .catch((error) => {
      // Whatever happens here, the dependency install itself succeeded: do not turn it red.
      console.log(`${PREFIX} Electron setup skipped: ${error instanceof Error ? error.message : String(error)}`);
    })
    .finally(() => {
      process.exitCode = 0;
    });
}
