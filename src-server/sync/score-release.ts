import { releaseDue, type ScoreReleasePolicy } from '../../src-shared/domain/score-release';
import { quoteIdent } from '../db/ddl';
import type { Sql } from '../db/sql';
import { tableNames } from '../db/table-spec';
import { takeSyncWriteLock } from './write-lock';

/*
 * Releases scores computed before the configured release time, once it has
 * passed (domain/score-release.ts). Candidates' devices receive a score
 * only with a row whose `score_released_at` is set, and only rows written
 * after their checkpoint, so the release must be a write: setting the
 * field gives each session a new change number, which the next pull and
 * every live stream pick up.
 *
 * It runs from a timer armed for the release time (for live streams) and
 * before every pull of test sessions (so a pull never misses a release its
 * server clock says is due, whatever the timer did). One sweep per process
 * suffices: from then on the policy is due, and scoring releases new scores
 * as it computes them, in the same transaction.
 */

const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a failed sweep (database unreachable); pulls retry it meanwhile. */
const RETRY_MS = 60_000;

export class ScoreReleaser {
  private swept = false;
  private sweeping?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly sql: Sql,
    readonly policy: ScoreReleasePolicy,
    private readonly now: () => number,
    private readonly log: { warn(obj: object, msg: string): void },
  ) {}

  /** Arms the timer; the first sweep also releases what an earlier, later policy left withheld. */
  start(): void {
    const wait = this.policy.mode === 'immediate' ? 0 : Date.parse(this.policy.at) - this.now();
    this.arm(wait);
  }

  private arm(waitMs: number): void {
    if (this.stopped || this.swept) return;
    this.timer = setTimeout(
      () => {
        this.releaseIfDue().then(
          () => this.start(),
          (error: unknown) => {
            this.log.warn({ err: error }, 'score release failed; retrying');
            this.arm(RETRY_MS);
          },
        );
      },
      Math.min(Math.max(0, waitMs), MAX_TIMER_MS),
    );
    this.timer.unref();
  }

  /** Releases every withheld score if the release time has passed; free once done. */
  async releaseIfDue(): Promise<void> {
    if (this.swept || this.stopped) return;
    const nowMs = this.now();
    if (!releaseDue(this.policy, nowMs)) return;
    this.sweeping ??= this.sweep(nowMs).finally(() => (this.sweeping = undefined));
    await this.sweeping;
  }

  private async sweep(nowMs: number): Promise<void> {
    const table = quoteIdent(tableNames.test_session);
    // What scoreReleasedAt (domain/score-release.ts) releases: not while a session needs review, and
    // one score per invitation (the token's keeper; token-reuse.ts flags the others).
    const withheld = `is_scored AND score_released_at IS NULL AND NOT _deleted AND needs_review IS NOT TRUE
      AND (assessment_token_id IS NULL OR NOT EXISTS (SELECT 1 FROM ${table} AS o
        WHERE o.assessment_token_id = ${table}.assessment_token_id AND o.session_id <> ${table}.session_id
          AND o.score_released_at IS NOT NULL AND NOT o._deleted))`;
    await this.sql.transaction(async (tx) => {
      // The lock first: a push that scored a session before the release time has committed by then.
      await takeSyncWriteLock(tx, this.sql.schema);
      // An UPDATE of no rows would still wake every live stream (statement trigger).
      if (!(await tx.query(`SELECT 1 FROM ${table} WHERE ${withheld} LIMIT 1`)).length) return;
      await tx.query(`UPDATE ${table} SET score_released_at = $1 WHERE ${withheld}`, [new Date(nowMs).toISOString()]);
    });
    this.swept = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping?.catch(() => undefined);
  }
}
