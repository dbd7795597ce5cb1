import { composeSession } from '../../../src-shared/exam/session-composition';
import { sameJson } from '../../../src-shared/sync/equality';
import { at, fail, type Planned } from './batch';
import type { WriteContext } from './context';

/*
 * Step 5, server-decided fields, for test sessions: the server composes a new
 * session from its assessment (src-shared/exam/session-composition.ts)
 * instead of taking the device's question list, so nobody chooses which
 * questions a score measures. The device computed the same list from the
 * same rows; if its copy of the content was stale (a question added after a
 * station synced), the server's list wins and the session is flagged for
 * review, which also withholds its score (domain/score-release.ts).
 * A session of a role with `needsInvitation` (candidates, stations) must
 * name an invitation of its candidate for its assessment: one that exists on
 * the server (a revoked or used one is kept and flagged by token-reuse.ts,
 * since a station may have accepted it offline), for the same assessment and
 * the same email. Later writes keep the composition (fields.ts).
 */

type Doc_ = Record<string, unknown>;

/** Starts the reason this step writes when the device's list differed. */
export const COMPOSITION_REVIEW_REASON = 'The question list sent by the device differed from the assessment';

const sameEmail = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

function checkInvitation(p: Planned, doc: Doc_, context: WriteContext): void {
  const found = context.token(doc.assessment_token_id);
  const token = found?.token;
  if (token && token.assessment_id === doc.assessment_id && sameEmail(token.candidate_email, doc.candidate_email))
    return;
  fail(403, [
    {
      field: at(p.index, 'assessment_token_id'),
      rule: 'not_invited',
      message: 'must name an invitation of this candidate to this assessment',
    },
  ]);
}

/** The document with the server's composition, for a session being created; other documents unchanged. */
export function deriveServerFields(p: Planned, doc: Doc_, context: WriteContext): Doc_ {
  if (p.kind !== 'test_session' || p.incoming._deleted || (p.current && !p.current.deleted)) return doc;
  const assessment = context.assessment(doc.assessment_id);
  if (!assessment) {
    fail(403, [
      { field: at(p.index, 'assessment_id'), rule: 'not_invited', message: 'must name an existing assessment' },
    ]);
  }
  if (p.access.push?.needsInvitation) checkInvitation(p, doc, context);
  const composition = composeSession(String(doc.session_id), assessment, context.questionsOf(assessment));
  const { question_set_id: _set, jd_id: _jd, ...rest } = doc;
  const composed: Doc_ = { ...rest, ...composition };
  const sent = p.incoming as Doc_;
  const differs = (['question_ids', 'total_questions', 'question_set_id', 'jd_id'] as const).some(
    (f) => !sameJson(sent[f], composed[f]),
  );
  if (!differs) return composed;
  const reason = `${COMPOSITION_REVIEW_REASON} (${(sent.question_ids as string[]).length} questions sent, ${composition.question_ids.length} on the server): it is scored on the server's list.`;
  const before = typeof composed.review_reason === 'string' ? `${composed.review_reason}\n` : '';
  return { ...composed, needs_review: true, review_reason: `${before}${reason}`.slice(0, 2000) };
}
