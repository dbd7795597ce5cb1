import type { Doc } from '@shared/domain/registry';

/*
 * What a candidate may see of an application's result. The server sends a
 * candidate's device `score_percentage` and `correct_answers` only once
 * `score_released_at` is set (src-shared/domain/score-release.ts); this reads
 * the release itself rather than the mere presence of a score, so a device
 * that still holds an older copy shows nothing before the release either.
 */

export type CandidateResult =
  | { state: 'released'; percentage: number; correct: number | undefined; total: number; releasedAt: string }
  /** Submitted, and the score not (yet) released to the candidate. */
  | { state: 'awaiting' };

type Session = Doc<'test_session'>;

/** The sessions of one application: named by it (stations, the exam) or naming it (the seed, older devices). */
function sessionsOf(application: Doc<'assessment_application'>, sessions: readonly Session[]): Session[] {
  return sessions.filter(
    (s) => s.application_id === application.application_id || s.session_id === application.test_session_id,
  );
}

export function candidateResult(
  application: Doc<'assessment_application'>,
  sessions: readonly Session[],
): CandidateResult | undefined {
  const own = sessionsOf(application, sessions);
  // The server releases one score per invitation; the latest release wins should a device hold two.
  const released = own
    .filter((s) => s.score_released_at !== undefined && s.score_percentage !== undefined)
    .sort((a, b) => b.score_released_at!.localeCompare(a.score_released_at!))[0];
  if (released) {
    return {
      state: 'released',
      percentage: released.score_percentage!,
      correct: released.correct_answers,
      total: released.total_questions,
      releasedAt: released.score_released_at!,
    };
  }
  return own.some((s) => s.is_completed) ? { state: 'awaiting' } : undefined;
}
