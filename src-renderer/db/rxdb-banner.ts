/*
 * RxDB's Dexie storage prints a banner about its premium storages with
 * console.warn, once per window, on the first write. It is advertising, not
 * a warning about this app, so it goes to console.debug: a newcomer opening
 * the developer tools sees only what concerns them. (The premium flag that
 * would silence it is not ours to set.) Any other warning stays a warning.
 */

const BANNER = /^-+ RxDB Open Core RxStorage -+/;

export function isRxdbBanner(message: unknown): boolean {
  return typeof message === 'string' && BANNER.test(message);
}

let installed = false;

/** Routes the banner to debug on this window's console; idempotent. */
export function routeRxdbBannerToDebug(target: Pick<Console, 'warn' | 'debug'> = console): void {
  if (installed && target === console) return;
  if (target === console) installed = true;
  const warn = target.warn;
  target.warn = (...args: unknown[]) => (isRxdbBanner(args[0]) ? target.debug(...args) : warn.apply(target, args));
}
