import type { Doc } from './registry';

/** The reference's computed `Assessment.is_expired`: past `expires_at`, if it has one. */
export function isExpired(assessment: Pick<Doc<'assessment'>, 'expires_at'>, now: Date = new Date()): boolean {
  return assessment.expires_at !== undefined && Date.parse(assessment.expires_at) <= now.getTime();
}

/** An assessment a candidate can start: active, published and not expired. */
export function isOpenForCandidates(
  assessment: Pick<Doc<'assessment'>, 'expires_at' | 'is_active' | 'is_published'>,
  now: Date = new Date(),
): boolean {
  return assessment.is_active && assessment.is_published && !isExpired(assessment, now);
}
