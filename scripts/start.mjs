#!/usr/bin/env node
/*
 * `npm start`: run the app the best way this machine allows.
 *
 * - With a usable Electron binary: build (electron-vite) and launch the desktop app.
 * - Without one (no binary download was possible, or no display): serve the
 *   renderer as a browser app with Vite, on PORT (default 5173).
 * - Either way, when the sync server's entry (src-server/main.ts) exists, it is
 *   started first and stopped when the UI exits.
 *
 * - The server's JSON log lines are printed as readable lines, and its per-request lines are
 *   kept at debug (ASSIST_TEN_REQUEST_LOG_LEVEL): `npm run server` keeps both as they were.
 *
 * Children are started with this Node (process.execPath) and the packages'
 * own bin scripts rather than through npx or a shell: fewer processes between
 * us and them, so signals reach them and the exit code comes back.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const PREFIX = '[assist-ten]';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SERVER_ENTRY = path.join(root, 'src-server', 'main.ts');
const STOP_GRACE_MS = 5000;

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

function log(message) {
  console.log(`${PREFIX} ${message}`);
}

/** Absolute path of a package's bin script, e.g. binScript('vite', 'vite'). */
function binScript(packageName, binName) {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin[binName];
  return path.join(path.dirname(manifestPath), relative);
}

/** The Electron executable, or why it cannot be used here. */
function findElectron() {
  let executable;
  try {
    // In plain Node the electron package exports the binary's path, and throws when it was never downloaded.
    executable = require('electron');
  } catch {
    return { ok: false, reason: 'not-installed' };
  }
  if (typeof executable !== 'string' || !existsSync(executable)) return { ok: false, reason: 'not-installed' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'no-display' };
  }
  return { ok: true, executable };
}

function port() {
  const raw = process.env.PORT;
  if (raw === undefined || raw === '') return 5173;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`PORT must be an integer between 1 and 65535, got "${raw}"`);
  }
  return value;
}

/**
 * The sync server reads PORT too, but here PORT is the browser UI's port. The server gets the port of
 * ASSIST_TEN_SERVER_URL instead (the URL the app connects to), or its own default. Unless configured, it
 * accepts the browser UI from the port it is really served on (PORT may move it off 5173), by either name.
 */
function serverEnv(uiPort) {
  const env = { ...process.env };
  delete env.PORT;
  // One JSON line per HTTP request buried everything else here (about 1,500 in 12 minutes of use): requests
  // are logged at debug under npm start (LOG_LEVEL=debug shows them); `npm run server` keeps them at info.
  env.ASSIST_TEN_REQUEST_LOG_LEVEL ||= 'debug';
  env.ASSIST_TEN_CORS_ORIGINS ||= [`http://localhost:${uiPort}`, `http://127.0.0.1:${uiPort}`, 'app://assist-ten'].join(
    ',',
  );
  const configured = process.env.ASSIST_TEN_SERVER_URL;
  if (configured) {
    try {
      const { port: serverPort } = new URL(configured);
      if (serverPort) env.PORT = serverPort;
    } catch {
      // An invalid URL is reported by the app itself; the server keeps its default port.
    }
  }
  return env;
}

const LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const ROUTINE_FIELDS = new Set(['level', 'time', 'pid', 'hostname', 'msg']);

/**
 * One of the server's pino JSON lines as a person reads it: `[sync server] warn: message {other fields}`,
 * its text unescaped, so that a command it names (the "No super admin exists" warning) can be copied as
 * it stands. Anything else passes through as it came.
 */
function readableLogLine(line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || typeof entry.msg !== 'string') return line;
  const extra = Object.fromEntries(Object.entries(entry).filter(([key]) => !ROUTINE_FIELDS.has(key)));
  const fields = Object.keys(extra).length ? ` ${JSON.stringify(extra)}` : '';
  return `[sync server] ${LEVELS[entry.level] ?? entry.level}: ${entry.msg}${fields}`;
}

/** `readable`: the child's standard output is read line by line through readableLogLine. */
function start(command, args, env = process.env, { readable = false } = {}) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['inherit', readable ? 'pipe' : 'inherit', 'inherit'] });
  if (readable) {
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) =>
      process.stdout.write(`${readableLogLine(line)}\n`),
    );
  }
  children.add(child);
  const exited = new Promise((resolve) => {
    child.on('error', (error) => {
      log(`could not start ${path.basename(command)}: ${error.message}`);
      resolve({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  }).finally(() => children.delete(child));
  return { child, exited };
}

async function stop(process_) {
  if (process_.child.exitCode !== null || process_.child.signalCode !== null) return;
  process_.child.kill('SIGTERM');
  const timer = setTimeout(() => process_.child.kill('SIGKILL'), STOP_GRACE_MS);
  await process_.exited;
  clearTimeout(timer);
}

function forwardSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      // Handling the signal keeps this process alive until the UI has exited, so its exit code is reported.
      for (const child of children) child.kill(signal);
    });
  }
}

function exitCodeOf({ code, signal }) {
  if (code !== null) return code;
  const numbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15, SIGKILL: 9 };
  return 128 + (numbers[signal] ?? 1);
}

async function main() {
  forwardSignals();
  const electron = findElectron();
  const uiPort = port();

  if (electron.ok) {
    const build = start(process.execPath, [binScript('electron-vite', 'electron-vite'), 'build']);
    const built = await build.exited;
    if (built.code !== 0) return exitCodeOf(built);
  } else if (electron.reason === 'no-display') {
    log(
      `Electron is installed but there is no display (DISPLAY/WAYLAND_DISPLAY unset); serving the browser build instead at http://localhost:${uiPort}`,
    );
  } else {
    log(
      `Electron is not installed on this machine (no binary download possible); serving the browser build instead at http://localhost:${uiPort}`,
    );
  }

  let uiRunning = true;
  // Checked now rather than assumed: the server is developed alongside and may not exist yet.
  let server = null;
  if (existsSync(SERVER_ENTRY)) {
    log('starting the sync server (src-server/main.ts)');
    server = start(process.execPath, [binScript('tsx', 'tsx'), SERVER_ENTRY], serverEnv(uiPort), { readable: true });
    void server.exited.then((result) => {
      if (uiRunning)
        log(`the sync server stopped (exit ${result.code ?? result.signal}); the app keeps working offline`);
    });
  }

  let ui;
  if (electron.ok) {
    const env = { ...process.env };
    // Inherited from some tool environments, it would make Electron behave as plain Node.
    delete env.ELECTRON_RUN_AS_NODE;
    // The project folder, not out/main/index.js: package.json "main" points Electron at out/main/index.js,
    // and starting from the folder also gives the app its own name, version and userData directory.
    ui = start(electron.executable, [root], env);
  } else {
    // The browser build has no main process to ask for the server URL: Vite hands it over at build time.
    const env = { ...process.env };
    if (process.env.ASSIST_TEN_SERVER_URL) env.VITE_ASSIST_TEN_SERVER_URL = process.env.ASSIST_TEN_SERVER_URL;
    ui = start(
      process.execPath,
      [binScript('vite', 'vite'), '--config', path.join(root, 'vite.web.config.ts'), '--port', String(uiPort)],
      env,
    );
  }

  const result = await ui.exited;
  uiRunning = false;
  if (server !== null) await stop(server);
  return exitCodeOf(result);
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(`${PREFIX} ${error instanceof Error ? error.message : String(error)}`);
    await Promise.all([...children].map((child) => stop({ child, exited: new Promise((r) => child.once('exit', r)) })));
    process.exit(1);
  },
);
