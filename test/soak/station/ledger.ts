import type { SoakInvitation } from '../seed';
import { emptyStats, type ResumeFailure, type SessionRecord, type StationStats } from './records';

/*
 * A station's bookkeeping, apart from driving its pages: the queue of
 * candidates, the test running now, and what a kill left behind (the test
 * that must be offered again, or a candidate who was on the way in). After
 * every relaunch the home either offers a test to resume or not, and this
 * decides what that means: a resume, a failure to resume, or nothing lost.
 */

export class StationLedger {
  readonly sessions = new Map<string, SessionRecord>();
  readonly resumeFailures: ResumeFailure[] = [];
  readonly stats: StationStats = emptyStats();
  /** The test on screen now. */
  current: SessionRecord | undefined;
  /** The test the last kill interrupted, which the home must offer to resume. */
  private pendingResume: SessionRecord | undefined;
  /** A candidate on the way in: their code, and whether "Start the test" was clicked. */
  private entering: { invitation: SoakInvitation; clickedStart: boolean } | undefined;
  private readonly queue: SoakInvitation[];

  constructor(
    private readonly station: number,
    private readonly invitations: readonly SoakInvitation[],
    private readonly log: (message: string) => void,
  ) {
    this.queue = [...invitations];
  }

  /** A test running, interrupted or being started: the station has something to finish. */
  busy(): boolean {
    return this.current !== undefined || this.pendingResume !== undefined || this.entering !== undefined;
  }

  /** Whether the home must offer a test to resume after a relaunch. */
  expectsOffer(): boolean {
    return this.pendingResume !== undefined || this.entering?.clickedStart === true;
  }

  /** Something is left from before a kill (then a live browser must first land on the home again). */
  interruptedWork(): boolean {
    return this.pendingResume !== undefined || this.entering !== undefined;
  }

  nextCandidate(): SoakInvitation | undefined {
    const invitation = this.queue.shift();
    if (invitation) this.entering = { invitation, clickedStart: false };
    return invitation;
  }

  startClicked(): void {
    if (this.entering) this.entering.clickedStart = true;
  }

  started(sessionId: string): SessionRecord {
    const record = this.newRecord(sessionId, this.entering!.invitation);
    this.entering = undefined;
    this.current = record;
    return record;
  }

  /** The code was refused; `used` means the station holds a session of it (which it should have offered). */
  refused(invitation: SoakInvitation, text: string): void {
    this.entering = undefined;
    this.stats.codesRefused++;
    this.log(`code ${invitation.code} refused: ${text}`);
    if (/already been used/.test(text)) {
      this.fail(undefined, invitation.code, 'the code was refused as used although no test was offered to resume');
    } else if (this.stats.codesRefused <= 5) {
      this.queue.push(invitation); // a transient refusal: try it again later
    }
  }

  submitted(): void {
    this.stats.sessionsSubmitted++;
    this.current = undefined;
  }

  /** The browser is gone: what was on screen must come back. */
  interrupted(): void {
    if (!this.current) return;
    this.current.interruptions++;
    this.stats.interruptions++;
    this.pendingResume = this.current;
    this.current = undefined;
  }

  /** The home came back offering nothing to resume. */
  noOffer(): void {
    const pending = this.pendingResume;
    this.pendingResume = undefined;
    if (pending?.submit === 'attempted') {
      // Killed while submitting: the submission was stored, so nothing is offered; the server check confirms it.
      this.stats.interruptedAtSubmit++;
      this.log(`session ${pending.sessionId} was being submitted; not offered again (checked at the end)`);
    } else if (pending) {
      this.fail(pending.sessionId, pending.code, 'the home did not offer the interrupted test');
      this.log(`RESUME FAILURE: session ${pending.sessionId} not offered`);
    }
    if (this.entering) {
      // The session was never stored: the candidate types their code again.
      this.queue.unshift(this.entering.invitation);
      this.entering = undefined;
    }
  }

  /** The home offered a test and it opened as `sessionId`; `banner` is the offer's text. Returns its record. */
  resumed(sessionId: string, banner: string): SessionRecord {
    const record = this.sessions.get(sessionId) ?? this.adopt(sessionId, banner) ?? this.unknown(sessionId, banner);
    if (this.pendingResume && this.pendingResume !== record)
      this.fail(this.pendingResume.sessionId, this.pendingResume.code, `the home offered session ${sessionId} instead`);
    this.pendingResume = undefined;
    record.resumes++;
    this.stats.resumes++;
    this.current = record;
    return record;
  }

  /**
   * Interrupted between "Start the test" and the exam screen: the session was stored but the driver never
   * saw its id. It is adopted by the candidate's name on the offer.
   */
  private adopt(sessionId: string, banner: string): SessionRecord | undefined {
    const invitation = this.invitations.find((i) => banner.includes(`${i.name} has`));
    if (!invitation || [...this.sessions.values()].some((r) => r.code === invitation.code)) return undefined;
    const entering = this.entering?.invitation;
    if (entering !== invitation) {
      this.log(`adopting a session of ${invitation.code}, which was not the candidate on the way in`);
      // Whoever was on the way in types their code again once this test is done.
      if (entering) this.queue.unshift(entering);
    }
    const queued = this.queue.indexOf(invitation);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.entering = undefined;
    const record = this.newRecord(sessionId, invitation);
    record.interruptions++;
    this.stats.interruptions++;
    return record;
  }

  /** A session nobody here started: a failure, yet the test is finished so that the server check is complete. */
  private unknown(sessionId: string, banner: string): SessionRecord {
    this.fail(sessionId, '?', `the home offered an unknown session (${banner.replace(/\s+/g, ' ').slice(0, 160)})`);
    this.log(`the home offered an unknown session ${sessionId}; finishing it`);
    return this.newRecord(sessionId, { code: '?', tokenId: '', email: '', name: '?' });
  }

  private newRecord(sessionId: string, invitation: SoakInvitation): SessionRecord {
    const record: SessionRecord = {
      sessionId,
      station: this.station,
      code: invitation.code,
      tokenId: invitation.tokenId,
      candidateName: invitation.name,
      positions: new Map(),
      attempts: new Map(),
      submit: 'no',
      interruptions: 0,
      resumes: 0,
    };
    this.sessions.set(sessionId, record);
    this.stats.sessionsStarted++;
    return record;
  }

  private fail(sessionId: string | undefined, code: string, reason: string) {
    this.resumeFailures.push({ station: this.station, ...(sessionId ? { sessionId } : {}), code, reason });
  }
}
