/*
 * How every test and benchmark launches Chromium here: Debian's build
 * (`apt-get install chromium`), never a Playwright download, with the
 * background services that would try to reach the network switched off.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;
