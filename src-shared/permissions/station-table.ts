import type { z } from 'zod';
import { entities, type Kind } from '../domain/registry';
import { and, eq, oneOf, or, present, self, within, type RowFilter } from './row-filter';
import type { RoleTable } from './table';

/*
 * The exam station's row of the permission table. A station is a principal,
 * not a person (principal.ts): a proctor or admin signs it in for a list of
 * assessments (`self.assessmentIds`), and `self.id` is the station's own id,
 * stamped on every test session it opens (test_session.station_id).
 *
 * It pulls exactly the bundle it needs to run a day offline, and writes only
 * what a candidate's exam produces:
 * - its published assessments, their question sets / job descriptions and
 *   questions without the answer key;
 * - their invitations, by hash only (the plaintext token stays with
 *   recruiters); the server marks them used when a session arrives;
 * - the candidates invited to them and their applications to them, so that an
 *   invitee is linked to their existing records offline (by email, and by the
 *   application's derived id) instead of duplicated; name and email only;
 * - the staff who can unlock it (proctors and admins): name, role and PIN
 *   verifier. Required fields stay (a device's validator needs them, and a
 *   user's id is derived from the email); the optional rest is stripped;
 * - the sessions it opened itself, their answers and proctoring events.
 * Never correct answers, never another station's sessions. The review flag
 * of a session is the server's and the proctors' call, not the station's.
 */

/** What a device that runs an exam records of a proctoring event (never its review). */
export const recordedEventFields = [
  'test_session_id',
  'event_type',
  'severity',
  'detected_at',
  'duration_seconds',
  'question_id',
  'snapshot_url',
  'metadata',
] as const;

/**
 * What a device running exams may do with answers and proctoring events, given
 * which sessions are its own: candidates on their own device and stations
 * share these rules, and differ only in what "own" means.
 */
export function examRecordRules(inOwnSession: (field: string) => RowFilter): RoleTable {
  return {
    answer: {
      pull: inOwnSession('session_id'),
      // Never answer by answer, not even after the score's release: with the
      // device's own choices, the marks would reveal the answer key of
      // questions other candidates still have to answer.
      strip: ['is_correct'],
      push: { rows: inOwnSession('session_id'), fields: 'all', create: true, delete: false },
    },
    proctoring_event: {
      pull: inOwnSession('test_session_id'),
      push: { rows: inOwnSession('test_session_id'), fields: recordedEventFields, create: true, delete: false },
    },
  };
}

/** Optional fields of `kind` outside `keep`: what a station can do without. */
function optionalFieldsExcept(kind: Kind, keep: readonly string[]): string[] {
  const shape = entities[kind].shape as Record<string, z.ZodType>;
  return entities[kind].fields.filter((f) => !keep.includes(f) && shape[f]!.safeParse(undefined).success);
}

const assigned = oneOf('assessment_id', self.assessmentIds);
const servedAssessments = and(assigned, eq('is_published', true));
const contentOf = (field: string) => within(field, 'assessment', field, servedAssessments);
const invitedCandidates = within('email', 'assessment_token', 'candidate_email', assigned);
const invitedApplications = and(assigned, within('candidate_id', 'candidate', 'candidate_id', invitedCandidates));
const ownSessions = and(eq('station_id', self.id), assigned);
const inOwnSession = (field: string): RowFilter =>
  within(field, 'test_session', 'session_id', eq('station_id', self.id));
// Active staff only: a deactivated proctor's verifier is not sent to a station that syncs after it.
const unlockingStaff = and(
  eq('is_active', true),
  or(eq('role', 'proctor'), eq('role', 'admin'), eq('role', 'super_admin')),
);

export const station: RoleTable = {
  user: { pull: unlockingStaff, strip: optionalFieldsExcept('user', ['proctor_pin_hash']) },
  job_description: { pull: contentOf('jd_id'), strip: optionalFieldsExcept('job_description', ['description']) },
  question_set: { pull: contentOf('question_set_id') },
  question: { pull: or(contentOf('question_set_id'), contentOf('jd_id')), strip: ['correct_answer'] },
  assessment: { pull: servedAssessments },
  // Read-only: the server marks an invitation used when the session naming it arrives (token-reuse.ts).
  assessment_token: { pull: assigned, strip: ['token'] },
  candidate: {
    pull: invitedCandidates,
    strip: optionalFieldsExcept('candidate', []),
    push: { rows: invitedCandidates, fields: ['full_name', 'email'], create: true, delete: false },
  },
  assessment_application: {
    pull: invitedApplications,
    strip: ['candidate_availability', 'role_applied_for'],
    push: {
      rows: invitedApplications,
      fields: [
        'candidate_id',
        'assessment_id',
        'test_session_id',
        'status',
        'applied_at',
        'started_at',
        'completed_at',
      ],
      create: true,
      delete: false,
    },
  },
  test_session: {
    pull: ownSessions,
    // As for candidates: the score reaches the station once released, not when computed.
    withhold: [{ fields: ['correct_answers', 'score_percentage'], until: present('score_released_at') }],
    push: {
      rows: ownSessions,
      // Never user_id: a station knows invitees by email, not accounts, and must not name anyone's.
      fields: entities.test_session.fields.filter(
        (f) => f !== 'needs_review' && f !== 'review_reason' && f !== 'user_id',
      ),
      create: true,
      delete: false,
      // Only for the invitee of a token in its bundle (the server checks the token's assessment and email).
      needsInvitation: true,
    },
  },
  ...examRecordRules(inOwnSession),
};
