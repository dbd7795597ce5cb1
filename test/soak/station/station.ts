import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rng } from '../rng';
import type { SoakInvitation } from '../seed';
import { admit } from './admission';
import { StationDevice } from './device';
import { examStep, handOver } from './exam-steps';
import { answersMissingAfterResume, land } from './landing';
import { StationLedger } from './ledger';
import type { SessionRecord } from './records';
import { signInStation, type StationSignIn } from './setup';

/*
 * One exam station, driven through its real screens as a proctor and a queue
 * of candidates would: the proctor signs it in once (setup.ts), then
 * candidates type their invitation code and start (admission.ts), answer
 * every question by keyboard, sometimes going back to change an answer, and
 * submit (exam-steps.ts); "Done" hands the station to the next.
 *
 * The soak kills the browser (SIGKILL) at moments of its own choosing, while
 * this driver is in the middle of anything. Every Playwright call then fails;
 * the driver notices that its browser is gone (device.ts), starts a new one
 * on the same profile directory, opens the station's home and, if a test was
 * running, expects the home to offer it again and continues it (landing.ts).
 * What that means for the candidates' records is the ledger's (ledger.ts).
 */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class Killed extends Error {
  constructor() {
    super('the station browser was killed');
  }
}

export interface StationOptions {
  index: number;
  webUrl: string;
  signIn: Omit<StationSignIn, 'stationName'>;
  invitations: readonly SoakInvitation[];
  rng: Rng;
  /** Probability, per step, of going back to change an answered question. */
  changeRate: number;
  /** Where screenshots of unexpected states go. */
  artifactsDir: string;
  log: (message: string) => void;
}

export class Station {
  readonly index: number;
  readonly ledger: StationLedger;
  readonly errors: string[] = [];
  private readonly profileDir: string;
  private readonly device: StationDevice;
  private readonly signIn: StationSignIn;
  private draining = false;
  private stopped = false;
  private loop: Promise<void> | undefined;
  /** What the driver is doing, for error reports. */
  private step = 'starting';

  constructor(private readonly options: StationOptions) {
    this.index = options.index;
    this.profileDir = mkdtempSync(join(tmpdir(), `assist-ten-soak-station${options.index}-`));
    this.signIn = { ...options.signIn, stationName: `Soak hall, desk ${options.index}` };
    this.ledger = new StationLedger(options.index, options.invitations, (m) => this.log(m));
    this.device = new StationDevice(this.profileDir, (message, count) => {
      if (count <= 5) this.log(`page error: ${message.slice(0, 300)}`);
    });
  }

  get stats() {
    return { ...this.ledger.stats, launches: this.device.launches, pageErrors: this.device.pageErrors };
  }

  get sessions(): ReadonlyMap<string, SessionRecord> {
    return this.ledger.sessions;
  }

  private log(message: string) {
    this.options.log(`station ${this.index}: ${message}`);
  }

  /** Launches the browser and signs the station in through the set-up screens; then `start` opens it. */
  async setUp(): Promise<void> {
    await this.device.launch();
    await this.device.page.goto(`${this.options.webUrl}#/station/setup`);
    await signInStation(this.device.page, this.signIn);
  }

  start(): void {
    this.loop = this.run();
  }

  /** What the station's status bar says about its sync, for a failed run's report. */
  async syncStatus(): Promise<string> {
    try {
      const bar = this.device.page.getByRole('contentinfo', { name: 'Sync status' });
      return (await bar.innerText({ timeout: 2_000 })).replace(/\s+/g, ' ');
    } catch {
      return 'not shown';
    }
  }

  /** The station's last sync requests (device.ts), oldest first. */
  networkLog(): readonly string[] {
    return this.device.network;
  }

  /** SIGKILL now, whatever the driver is doing; false if the station is between browsers. */
  async kill(): Promise<boolean> {
    const killed = await this.device.kill();
    if (killed) this.ledger.stats.kills++;
    return killed;
  }

  setOffline(offline: boolean): Promise<void> {
    return this.device.setOffline(offline);
  }

  /** No new candidates; the running test (or the one to resume) is finished and submitted. */
  drain(): void {
    this.draining = true;
  }

  /** Whether the driver has nothing left to finish (drained and idle). */
  idle(): boolean {
    return this.draining && !this.ledger.busy();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.draining = true;
    await this.loop?.catch(() => undefined);
    await this.device.dispose();
    rmSync(this.profileDir, { recursive: true, force: true, maxRetries: 5 });
  }

  private pause = (min = 30, max = 350) => sleep(this.options.rng.int(min, max));
  private track = (step: string) => void (this.step = step);

  private async run(): Promise<void> {
    while (!this.stopped) {
      if (this.idle()) {
        await sleep(200);
        continue;
      }
      try {
        await this.next();
      } catch (error) {
        if (!this.device.killed() && !(error instanceof Killed)) await this.recoverFrom(error);
        this.ledger.interrupted();
      }
    }
  }

  /** One step: relaunch, land again after a kill, a step of the running test, or the next candidate. */
  private async next(): Promise<void> {
    const ledger = this.ledger;
    if (!this.device.alive()) {
      await this.device.launch();
      await this.landAndResume();
    } else if (ledger.current) {
      if ((await examStep(this.device.page, ledger.current, this.examContext())) === 'submitted') {
        ledger.submitted();
        await handOver(this.device.page, { pause: this.pause, step: this.track });
      }
    } else if (ledger.interruptedWork()) {
      await this.landAndResume(); // not expected with a live browser, but never spin
    } else if (!this.draining) {
      await this.admitNext();
    } else {
      await sleep(200);
    }
  }

  private examContext() {
    const { rng, changeRate } = this.options;
    return { rng, changeRate, draining: this.draining, stats: this.ledger.stats, pause: this.pause, step: this.track };
  }

  private async admitNext(): Promise<void> {
    const invitation = this.ledger.nextCandidate();
    if (!invitation) {
      this.log('out of invitation codes');
      this.draining = true;
      return;
    }
    const result = await admit(this.device.page, invitation, this.signIn.assessmentTitle, {
      pause: this.pause,
      step: this.track,
      starting: () => this.ledger.startClicked(),
    });
    if ('refused' in result) this.ledger.refused(invitation, result.refused);
    else this.ledger.started(result.sessionId);
  }

  private async landAndResume(): Promise<void> {
    const landing = await land(this.device, this.options.webUrl, this.signIn, this.ledger.expectsOffer(), {
      step: this.track,
      pause: this.pause,
      checkAlive: () => {
        if (this.device.killed()) throw new Killed();
      },
      signedOut: () => {
        this.ledger.stats.signedOut++;
        this.log('the station came back signed out; signing it in again');
      },
    });
    if (!landing.offered) return this.ledger.noOffer();
    const record = this.ledger.resumed(landing.sessionId, landing.banner);
    for (const position of await answersMissingAfterResume(this.device.page, record)) {
      this.ledger.stats.resumeAnswerMismatches++;
      this.log(`after resume, question ${position} of ${record.sessionId} shows as not answered`);
    }
  }

  /** An unexpected state: noted with a screenshot, then a fresh browser on the same profile, like a kill. */
  private async recoverFrom(error: unknown): Promise<void> {
    this.ledger.stats.driverErrors++;
    const first = `${error instanceof Error ? error.message : String(error)}`.split('\n')[0]!.slice(0, 300);
    const message = `${this.step}: ${first}${await this.describePage()}`;
    this.errors.push(message);
    this.log(`driver error (relaunching): ${message}`);
    await this.device.dispose();
  }

  /** Where the page is and what it shows, and a screenshot in the artifacts directory. */
  private async describePage(): Promise<string> {
    try {
      const page = this.device.page;
      const dir = this.options.artifactsDir;
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `station${this.index}-error${this.ledger.stats.driverErrors}.png`);
      await page.screenshot({ path: file, timeout: 5_000 });
      const text = (await page.locator('body').innerText({ timeout: 2_000 })).replace(/\s+/g, ' ').slice(0, 300);
      return ` [at ${page.url()}; shows "${text}"; screenshot ${file}]`;
    } catch {
      return '';
    }
  }
}
