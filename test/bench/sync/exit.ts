/*
 * Last-resort cleanup for what the sync suite starts outside this process
 * (the PostgreSQL cluster, the server process). The normal path stops them
 * in `finally` blocks; these hooks cover an interrupted run: SIGINT/SIGTERM
 * (the runner then exits after its own async cleanup, so a hook must finish
 * synchronously inside the signal's dispatch) and any exit with them still
 * up. Hooks run newest first, once each.
 */

type Hook = () => void;

const hooks: Hook[] = [];
let installed = false;

function runAll() {
  while (hooks.length) {
    const hook = hooks.pop()!;
    try {
      hook();
    } catch (error) {
      process.stderr.write(`[bench] sync cleanup failed: ${String(error)}\n`);
    }
  }
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  // Added after the runner's own handlers, so those still decide the exit code.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, runAll);
}

/** Registers a synchronous cleanup; returns the function that unregisters it once done the normal way. */
export function onExit(hook: Hook): () => void {
  install();
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}
