import type { BrowserContext, Page, Request } from 'playwright-core';
import { launchStationBrowser, type StationBrowser } from './chromium';

/*
 * The station's computer as the soak sees it: a browser process on a
 * profile directory that survives it, which the soak kills and the driver
 * launches again, and a network switch (Chromium's offline mode).
 *
 * Generations tell a kill from a driver error: a kill marks the generation
 * it killed, and any Playwright call that fails while the current
 * generation is marked (or its process is gone) failed because of it.
 */

export class StationDevice {
  private chromium: StationBrowser | undefined;
  private context: BrowserContext | undefined;
  private current: Page | undefined;
  private generation = 0;
  private killedGeneration = -1;
  private offline = false;
  /** Between a launch and the station's page being loaded (see setOffline). */
  private loading = false;
  launches = 0;
  pageErrors = 0;
  /**
   * The station's last sync requests: every push and every failed or refused request, with its outcome.
   * A failed run's report shows them (a station stuck with changes to send says nothing else).
   */
  readonly network: string[] = [];

  constructor(
    private readonly profileDir: string,
    private readonly onPageError: (message: string, count: number) => void,
  ) {}

  get page(): Page {
    if (!this.current) throw new Error('the station has no browser');
    return this.current;
  }

  alive(): boolean {
    return this.chromium?.alive() ?? false;
  }

  /** Whether the current browser was killed (by the soak, or died): then a failed call is no driver error. */
  killed(): boolean {
    return this.killedGeneration === this.generation || (this.chromium !== undefined && !this.chromium.alive());
  }

  async launch(): Promise<void> {
    this.generation++;
    this.launches++;
    this.chromium = await launchStationBrowser(this.profileDir);
    this.context = this.chromium.browser.contexts()[0]!;
    this.current = this.context.pages()[0] ?? (await this.context.newPage());
    this.current.on('pageerror', (error) => this.onPageError(error.message, ++this.pageErrors));
    this.watchNetwork(this.current, this.generation);
  }

  private watchNetwork(page: Page, generation: number) {
    const note = (request: Request, outcome: string) => {
      const path = new URL(request.url()).pathname;
      if (!path.startsWith('/sync/') && !path.startsWith('/auth/')) return;
      this.network.push(`${new Date().toISOString()} #${generation} ${request.method()} ${path} ${outcome}`);
      this.network.splice(0, Math.max(0, this.network.length - 300));
    };
    page.on('requestfailed', (request) => note(request, `failed: ${request.failure()?.errorText ?? '?'}`));
    page.on('requestfinished', (request) => {
      void request.response().then((response) => {
        const status = response?.status() ?? 0;
        if (status >= 400 || request.url().endsWith('/push')) note(request, String(status));
      });
    });
  }

  /** SIGKILL now, whatever the driver is doing; false if there is no live browser this instant. */
  async kill(): Promise<boolean> {
    const chromium = this.chromium;
    if (!chromium || !chromium.alive()) return false;
    this.killedGeneration = this.generation;
    await chromium.kill();
    return true;
  }

  /**
   * Chromium's offline mode cuts every request, the app's own page too (the browser build is served over
   * HTTP; an installed station has it locally). So while the station is (re)loading its page the cut waits,
   * and applies as soon as the page is up: what is cut is the station's sync, not its app.
   */
  async setOffline(offline: boolean): Promise<void> {
    this.offline = offline;
    if (this.loading) return;
    await this.context?.setOffline(offline).catch(() => undefined); // a browser killed meanwhile
  }

  /** Loads `url` with the network on, then applies a cut that is due. */
  async load(url: string): Promise<void> {
    this.loading = true;
    try {
      await this.context!.setOffline(false);
      await this.page.goto(url);
    } finally {
      this.loading = false;
    }
    if (this.offline) await this.context!.setOffline(true);
  }

  async dispose(): Promise<void> {
    await this.chromium?.kill();
  }
}
