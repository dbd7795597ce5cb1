import type { Doc } from './registry';

/*
 * When candidates see their scores. The server scores a session as soon as
 * it is completed (recruiters and proctors see the score then), and sets
 * `score_released_at` when the score may reach the candidate; until that
 * field is set, candidates' devices receive the session without
 * `correct_answers` and `score_percentage` (the `withhold` rule in
 * src-shared/permissions/table.ts).
 *
 * One server-wide policy, from the environment (ASSIST_TEN_SCORE_RELEASE):
 * - `immediate` (the default): released when scored;
 * - an ISO-8601 time: scores computed before it are released at that time,
 *   those computed later when computed.
 * `score_released_at` is the server time at which the release was written.
 * A released score stays released, also if the policy moves later, unless
 * a device changes the answers behind it (src-server/sync/scoring.ts).
 *
 * Only a score the server can vouch for is released: not while the session
 * needs review (a reused or unknown invitation, a question list that did not
 * match its assessment, answers changed after a release), and never a second
 * score for one invitation. Each release is one observation of a score; if a
 * device could cause several for one invitation, their differences would
 * reveal which answers are right.
 */

export type ScoreReleasePolicy = { mode: 'immediate' } | { mode: 'at'; at: string };

export const IMMEDIATE_RELEASE: ScoreReleasePolicy = { mode: 'immediate' };

// An explicit offset is required: a bare local time would mean different instants on different servers.
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses the setting; throws with the accepted forms on anything else. */
export function parseScoreRelease(text: string | undefined): ScoreReleasePolicy {
  const value = text?.trim();
  if (!value || value === 'immediate') return IMMEDIATE_RELEASE;
  const ms = ISO_WITH_OFFSET.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new Error(
      `ASSIST_TEN_SCORE_RELEASE must be "immediate" or an ISO-8601 time with an offset (e.g. 2026-06-01T09:00:00Z), got "${value}"`,
    );
  }
  return { mode: 'at', at: new Date(ms).toISOString() };
}

/** Whether scores computed by `nowMs` may be released at `nowMs`. */
export function releaseDue(policy: ScoreReleasePolicy, nowMs: number): boolean {
  return policy.mode === 'immediate' || Date.parse(policy.at) <= nowMs;
}

/**
 * The `score_released_at` a scored session should have at `nowMs`: kept once
 * set, else now if due and releasable. `invitationReleased`: another session
 * of the same invitation already has a released score.
 */
export function scoreReleasedAt(
  policy: ScoreReleasePolicy,
  session: Pick<Doc<'test_session'>, 'score_released_at' | 'needs_review'>,
  nowMs: number,
  invitationReleased = false,
): string | undefined {
  if (session.score_released_at !== undefined) return session.score_released_at;
  if (session.needs_review === true || invitationReleased) return undefined;
  return releaseDue(policy, nowMs) ? new Date(nowMs).toISOString() : undefined;
}
